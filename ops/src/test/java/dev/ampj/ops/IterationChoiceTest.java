package dev.ampj.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.ops.playback.PlaybackCommandsTestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code --iteration best}: the committed iteration whose in-training eval came closest to the reference. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IterationChoiceTest {

    @TempDir
    static Path runs;

    @BeforeAll
    void train() throws IOException {
        Path config = Files.writeString(runs.resolve("tiny.conf"), PlaybackCommandsTestConfig.TINY);
        for (String name : new String[] {"tiny", "plain"}) {
            String[] r = CliRun.run("train", "--config", config.toString(), "--name", name, "--runs-dir", runs.toString(),
                    "--no-progress", "--eval-every", "0");
            assertEquals("0", r[0], r[2]);
        }
    }

    @Test
    void bestIsTheLowestStyleDistanceAtTheGaitsSpeedsAmongCommittedIterations() throws IOException {
        Files.writeString(runs.resolve("tiny/eval.jsonl"), String.join("\n",
                "{\"iteration\":1,\"style_distance\":9.0,\"style_distance_matched\":{\"distance\":40.0}}",
                "{\"iteration\":2,\"style_distance\":5.0,\"style_distance_matched\":{\"distance\":55.0}}",
                "{\"iteration\":3,\"style_distance\":1.0,\"style_distance_matched\":{\"distance\":1.0}}", ""));
        String[] r = CliRun.run("eval", "tiny", "--iteration", "best", "--envs", "2", "--seconds", "0.5", "--json",
                "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("\"iteration\":1"), "iteration 3 was never committed; of 1 and 2, 1 is closer at the gaits' speeds: " + r[1]);
    }

    @Test
    void withoutEvalsOrWithAWrongValueTheErrorSaysWhatToDo() {
        String[] r = CliRun.run("eval", "plain", "--iteration", "best", "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("eval.jsonl") && r[2].contains("--eval-every"), r[2]);
        String[] bad = CliRun.run("play", "plain", "--iteration", "latest", "--runs-dir", runs.toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("'latest'") && bad[2].contains("best"), bad[2]);
    }
}
