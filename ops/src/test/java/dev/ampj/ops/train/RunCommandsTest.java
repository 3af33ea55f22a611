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
        CommandSupport.useComponents(new dev.ampj.actors.api.DefaultComponents());
    }


    @Test
    void trainReplayForkResume() throws java.io.IOException {
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
        assertTrue(r[2].contains("re-executing iterations 3..3 from the checkpoint at 2 (digests checked)"), r[2]);

        r = CliRun.run("runs", "--json", "--runs-dir", dir);
        assertTrue(r[1].contains("\"cli-fork\"") && r[1].contains("\"parent\":\"cli\""), r[1]);

        r = CliRun.run("resume", "nope", "--runs-dir", dir);
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no run 'nope'"), r[2]);

        r = CliRun.run("eval", "cli", "--runs-dir", dir);
        assertEquals("2", r[0], "point-mass envs have no forward speed to evaluate");
        assertTrue(r[2].contains("root_lin_vel_w"), r[2]);

        Path png = runs.resolve("curves/task.png");
        r = CliRun.run("plot", "cli", "cli-fork", "--metric", "task_reward", "--out", png.toString(), "--runs-dir", dir);
        assertEquals("0", r[0], r[2]);
        assertTrue(isPng(png), "a PNG was written");
        r = CliRun.run("plot", "cli", "--metric", "task_rewrd", "--out", png.toString(), "--runs-dir", dir);
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown metric 'task_rewrd'") && r[2].contains("task_reward"), r[2]);
        r = CliRun.run("plot", "cli", "--metric", "style_distance", "--out", png.toString(), "--runs-dir", dir);
        assertEquals("2", r[0], "no in-training evals in a 4-iteration run");
        assertTrue(r[2].contains("eval.jsonl"), r[2]);

        // eval.jsonl files kept without their runs plot too (x = iteration × --steps-per-iteration)
        Path evals = Files.writeString(runs.resolve("kept.eval.jsonl"),
                "{\"iteration\":50,\"style_distance\":40.5}\n{\"iteration\":100,\"style_distance\":20.25}\n");
        Path evalPng = runs.resolve("curves/kept.png");
        r = CliRun.run("plot", evals.toString(), "--metric", "style_distance", "--out", evalPng.toString(), "--runs-dir", dir);
        assertEquals("0", r[0], r[2]);
        assertTrue(isPng(evalPng), "a PNG was written");
        r = CliRun.run("plot", evals.toString(), "--metric", "task_reward", "--out", evalPng.toString(), "--runs-dir", dir);
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("is an eval.jsonl file: plot one of"), r[2]);
    }

    @Test
    void benchTrainPrintsTheEndToEndThroughput() {
        String[] r = CliRun.run("bench", "train", "--config", config.toString(), "--iterations", "5", "--warmup", "1", "--json");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].matches("(?s).*\\{\"bench\":\"train\",\"env_steps_per_s\":[1-9][0-9]*,\"env_steps_per_iteration\":48,.*"), r[1]);
    }

    private static boolean isPng(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            return b.length > 8 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        } catch (IOException e) {
            return false;
        }
    }
}
