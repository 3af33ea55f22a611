package dev.ampj.actors.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ampj.common.Digests;
import dev.ampj.storage.event.IterationCommitted;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunScalarsTest {

    @Test
    void mapsACommitToRslRlAndAmpTags() {
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("task_reward", 0.25);
        stats.put("style_reward", 0.75);
        stats.put("combined_reward", 0.5);
        stats.put("episode_length", 120.0);
        stats.put("disc_accuracy", 0.9);
        stats.put("surrogate_loss", -0.01);
        stats.put("value_loss", 3.0);
        stats.put("learning_rate", 1e-3);
        stats.put("action_std", 0.8);
        stats.put("disc_loss", 0.6);
        stats.put("disc_grad_penalty", 0.05);
        stats.put("disc_expert_score", 0.7);
        stats.put("disc_policy_score", 0.2);
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("iteration", 1500.0); // ms: 1.1 s collecting, 0.4 s learning
        stages.put("learn", 400.0);
        stages.put("commit", 500.0);
        byte[] p = "p".getBytes(StandardCharsets.UTF_8);
        IterationCommitted c = new IterationCommitted(7, 7 * 4096, Digests.sha256Hex(p), Digests.sha256Hex(p), stats, stages);

        Map<String, Double> s = RunScalars.of(c, 4096);
        assertEquals(-0.01, s.get("Loss/surrogate"));
        assertEquals(3.0, s.get("Loss/value_function"));
        assertEquals(1e-3, s.get("Loss/learning_rate"));
        assertEquals(0.8, s.get("Policy/mean_noise_std"));
        assertEquals(0.5, s.get("Train/mean_reward"));
        assertEquals(120.0, s.get("Train/mean_episode_length"));
        assertEquals(0.75, s.get("AMP/style_reward"));
        assertEquals(0.25, s.get("AMP/task_reward"));
        assertEquals(0.9, s.get("AMP/discriminator_accuracy"));
        assertEquals(0.7, s.get("AMP/expert_score"));
        assertEquals(0.2, s.get("AMP/policy_score"));
        assertEquals(0.6, s.get("Loss/amp"));
        assertEquals(0.05, s.get("Loss/grad_penalty"));
        assertEquals(4096 / 2.0, s.get("Perf/total_fps"), 1e-9, "steps per iteration over iteration + commit seconds");
        assertEquals(1.1, s.get("Perf/collection time"), 1e-12);
        assertEquals(0.4, s.get("Perf/learning_time"), 1e-12);
        assertEquals(7.0 * 4096, s.get("Train/env_steps"));
        assertFalse(s.containsKey("Loss/entropy"), "a statistic the commit lacks leaves its tag out");
        assertEquals(List.of("Loss/surrogate", "Loss/value_function"), List.copyOf(s.keySet()).subList(0, 2), "fixed order");
    }
}
