package dev.ampj.ops.bench;

import static dev.ampj.ops.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchLearnerCommandTest {

    @Test
    void tinyWorkloadPrintsOneJsonLine() {
        String[] r = run("bench", "learner", "--json", "--envs", "8", "--horizon", "4", "--ac-hidden", "8,8",
                "--disc-hidden", "8", "--epochs", "1", "--minibatches", "2", "--updates", "1", "--warmup", "0",
                "--threads", "1", "--overlap", "--micro-batch", "4");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\n");
        assertEquals(1, lines.length, r[1]);
        for (String key : new String[] {"\"update_s\":", "\"update_samples_per_s\":", "\"act_env_steps_per_s\":",
                "\"update_gflop_per_s\":", "\"rss_growth_mib\":", "\"overlap\":true", "\"inference_micro_batch\":4"}) {
            assertTrue(lines[0].contains(key), key + " missing in " + lines[0]);
        }
        assertTrue(lines[0].startsWith("{\"bench\":\"learner\"") && lines[0].endsWith("}"), lines[0]);
    }

    private static final String[] TINY = {"bench", "learner", "--json", "--envs", "8", "--horizon", "4", "--ac-hidden",
        "8,8", "--disc-hidden", "8", "--epochs", "1", "--minibatches", "2", "--updates", "1", "--warmup", "0", "--threads", "1"};

    private static String[] tinyWith(String... more) {
        String[] out = java.util.Arrays.copyOf(TINY, TINY.length + more.length);
        System.arraycopy(more, 0, out, TINY.length, more.length);
        return out;
    }

    @Test
    void compareWithAMissingInterpreterSaysHowToGetPytorch() {
        String[] r = run(tinyWith("--compare", "/nonexistent/bin/python3"));
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("cannot start it") && r[2].contains("pip install torch"), r[2]);
    }

    /** With the machine's python3: the comparison when it has PyTorch, otherwise the install hint. */
    @Test
    void compareWithSystemPythonRunsTheAnchorOrExplains() {
        String[] r = run(tinyWith("--compare", "python3"));
        if (r[0].equals("0")) {
            for (String key : new String[] {"\"anchor_update_s\":", "\"update_ratio\":", "\"act_ratio\":"}) {
                assertTrue(r[1].contains(key), key + " missing in " + r[1]);
            }
        } else {
            assertEquals("2", r[0], r[2]);
            assertTrue(r[2].contains("has no PyTorch") || r[2].contains("cannot start it"), r[2]);
        }
    }

    @Test
    void anchorGetsTheBenchmarksShapesAndItsJsonLineIsRead() {
        var spec = dev.ampj.learner.bench.BenchSpec.preset("g1");
        var cmd = PytorchAnchor.command("py", java.nio.file.Path.of("a.py"), spec);
        String shape = cmd.get(cmd.indexOf("--shape") + 1);
        assertTrue(shape.contains("\"obs\": 81") && shape.contains("\"disc_hidden\": [1024, 512]"), shape);
        assertEquals(Integer.toString(spec.updates()), cmd.get(cmd.indexOf("--iters") + 1));
        var res = PytorchAnchor.parse("warning: x\n{\"impl\": \"pytorch-2.13.0+cpu\", \"update_s\": 2.5, "
                + "\"update_samples_per_s\": 4915.2, \"act_env_steps_per_s\": 70000.0}\n");
        assertEquals(2.5, res.updateSeconds());
        assertEquals(70000.0, res.actEnvStepsPerSecond());
        var bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PytorchAnchor.parse("{\"impl\": \"x\"}"));
        assertTrue(bad.getMessage().contains("'update_s'"), bad.getMessage());
    }

    @Test
    void unknownPresetIsBadInput() {
        String[] r = run("bench", "learner", "--preset", "t-rex");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--preset t-rex: expected ostrich or g1"), r[2]);
        r = run("bench", "learner", "--envs", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("every size must be positive"), r[2]);
    }
}
