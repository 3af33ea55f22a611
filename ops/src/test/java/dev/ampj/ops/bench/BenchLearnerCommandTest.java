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
                "--threads", "1", "--overlap");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\n");
        assertEquals(1, lines.length, r[1]);
        for (String key : new String[] {"\"update_s\":", "\"update_samples_per_s\":", "\"act_env_steps_per_s\":",
                "\"update_gflop_per_s\":", "\"rss_growth_mib\":", "\"overlap\":true"}) {
            assertTrue(lines[0].contains(key), key + " missing in " + lines[0]);
        }
        assertTrue(lines[0].startsWith("{\"bench\":\"learner\"") && lines[0].endsWith("}"), lines[0]);
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
