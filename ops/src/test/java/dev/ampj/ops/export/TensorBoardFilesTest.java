package dev.ampj.ops.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampj.actors.testenv.PointMassComponents;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.ops.CliRun;
import dev.ampj.ops.TestPython;
import dev.ampj.ops.train.CommandSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's TensorBoard files and scalar exports after train, resume and fork through the CLI: the
 * files are read back by TensorBoard's own EventAccumulator (the Python {@code tensorboard}
 * package; skipped with the reason when it is absent), and the CSV/JSONL exports hold the same rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TensorBoardFilesTest {

    static final List<String> EXPECTED_TAGS = List.of("Loss/surrogate", "Loss/value_function", "Loss/learning_rate",
            "Policy/mean_noise_std", "Train/mean_reward", "Train/mean_episode_length", "Perf/total_fps", "Perf/collection time",
            "Perf/learning_time", "AMP/style_reward", "AMP/task_reward", "AMP/discriminator_accuracy", "AMP/expert_score",
            "AMP/policy_score", "Loss/amp", "Loss/grad_penalty");

    @TempDir
    static Path runs;

    @BeforeAll
    void trainResumeFork() throws IOException {
        CommandSupport.useComponents(new PointMassComponents());
        Path config = Files.writeString(runs.resolve("small.conf"), TestRuns.SMALL);
        String dir = runs.toString();
        String[] r = CliRun.run("train", "--config", config.toString(), "--iterations", "3", "--name", "tb", "--runs-dir", dir,
                "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
        r = CliRun.run("resume", "tb", "--iterations", "5", "--runs-dir", dir, "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
        r = CliRun.run("fork", "tb", "--at", "2", "--name", "tb-fork", "--iterations", "4", "--runs-dir", dir, "--no-progress",
                "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
    }

    @AfterAll
    void restore() {
        CommandSupport.useComponents(new dev.ampj.actors.api.DefaultComponents());
    }

    @Test
    void eachSessionWritesItsOwnEventFile() throws IOException {
        assertEquals(2, eventFiles(runs.resolve("tb/tb")).size(), "train and resume: one file each");
        assertEquals(1, eventFiles(runs.resolve("tb-fork/tb")).size());
    }

    @Test
    void tensorBoardReadsTheTagsAndSteps() throws IOException {
        Path python = TestPython.require("tensorboard");
        Path script = TestPython.script("tensorboard_scalars.py", runs);
        String base = runs.resolve("tb/tb").toString();
        String fork = runs.resolve("tb-fork/tb").toString();
        TestPython.Result r = TestPython.run(python, List.of(script.toString(), base, fork), 120);
        assertEquals(0, r.code(), r.output());
        String json = r.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        JsonNode all = new ObjectMapper().readTree(json);
        for (String tag : EXPECTED_TAGS) {
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), steps(all.get(base).get(tag)), "steps of " + tag + " in " + base);
            assertEquals(List.of(3L, 4L), steps(all.get(fork).get(tag)), "the fork writes its own iterations only: " + tag);
        }
        JsonNode fps = all.get(base).get("Perf/total_fps");
        assertTrue(fps.get(0).get(1).asDouble() > 0, "throughput is positive: " + fps);
        // the curves TensorBoard shows are the commits' statistics (float32)
        JsonNode csvStyle = all.get(base).get("AMP/style_reward");
        List<String> csv = Files.readAllLines(export("scalars-csv", "tb.csv", "tb"));
        int column = List.of(csv.get(0).split(",")).indexOf("AMP/style_reward");
        for (int i = 0; i < 5; i++) {
            assertEquals(Double.parseDouble(csv.get(i + 1).split(",")[column]), csvStyle.get(i).get(1).asDouble(), 1e-6);
        }
    }

    @Test
    void exportsOneRowPerCommit() throws IOException {
        List<String> csv = Files.readAllLines(export("scalars-csv", "tb.csv", "tb"));
        assertEquals(6, csv.size(), "header + iterations 1..5");
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals(List.of("iteration", "env_steps", "time"), header.subList(0, 3));
        assertTrue(header.containsAll(EXPECTED_TAGS), header.toString());
        assertTrue(csv.get(5).startsWith("5,240,"), "6 envs x 8 steps x 5 iterations: " + csv.get(5));

        List<String> jsonl = Files.readAllLines(export("scalars-jsonl", "fork.jsonl", "tb-fork"));
        assertEquals(2, jsonl.size());
        JsonNode first = new ObjectMapper().readTree(jsonl.get(0));
        assertEquals(3, first.get("iteration").asLong());
        assertTrue(first.get("Loss/surrogate").isNumber(), jsonl.get(0));

        String[] r = CliRun.run("export", "nope", "--format", "scalars-csv", "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no run 'nope'"), r[2]);
        r = CliRun.run("export", "tb", "--format", "scalars-xml", "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown format 'scalars-xml'"), r[2]);
    }

    private static Path export(String format, String file, String run) {
        Path out = runs.resolve("export").resolve(file);
        String[] r = CliRun.run("export", run, "--format", format, "--out", out.toString(), "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        return out;
    }

    private static List<Long> steps(JsonNode points) {
        assertTrue(points != null, "tag missing");
        List<Long> s = new ArrayList<>();
        points.forEach(p -> s.add(p.get(0).asLong()));
        return s;
    }

    private static List<Path> eventFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
    }
}
