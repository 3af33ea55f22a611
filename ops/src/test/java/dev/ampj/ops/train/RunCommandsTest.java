package dev.ampj.ops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.testenv.PointMassComponents;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.ops.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The run commands end to end through the CLI, on the point-mass envs with tiny networks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCommandsTest {

    @TempDir
    static Path runs;
    static Path config;

    @BeforeAll
    void smallConfig() throws IOException {
        CommandSupport.useComponents(new PointMassComponents());
        config = Files.writeString(runs.resolve("small.conf"), TestRuns.SMALL);
    }

    @AfterAll
    void restore() {
        CommandSupport.useComponents(new dev.ampj.actors.training.DefaultComponents());
    }


    @Test
    void trainReplayForkResume() {
        String dir = runs.toString();
        String[] r = CliRun.run("train", "--config", config.toString(), "--iterations", "3", "--name", "cli", "--runs-dir", dir,
                "--no-progress");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("steps/s") && r[1].contains("ovh%"), r[1]);
        assertEquals(3, r[1].lines().filter(l -> l.matches("\\s+[0-9]+ +[0-9]+ .*")).count(), r[1]);

        r = CliRun.run("train", "--config", config.toString(), "--name", "cli", "--runs-dir", dir);
        assertEquals("2", r[0], "the name must be unique: " + r[2]);

        r = CliRun.run("replay", "cli", "--verify", "--runs-dir", dir);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("every digest matches"), r[1]);

        r = CliRun.run("fork", "cli", "--at", "2", "--set", "amp.learner.style-reward.task-reward-lerp=0.8", "--name", "cli-fork",
                "--iterations", "3", "--runs-dir", dir, "--no-progress");
        assertEquals("0", r[0], r[2]);

        r = CliRun.run("resume", "cli", "--iterations", "4", "--runs-dir", dir, "--no-progress");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("3 re-executed"), r[1]);

        r = CliRun.run("runs", "--json", "--runs-dir", dir);
        assertTrue(r[1].contains("\"cli-fork\"") && r[1].contains("\"parent\":\"cli\""), r[1]);

        r = CliRun.run("resume", "nope", "--runs-dir", dir);
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no run 'nope'"), r[2]);
    }
}
