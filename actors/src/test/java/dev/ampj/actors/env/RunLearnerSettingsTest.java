package dev.ampj.actors.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.config.ShardLayout;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.nn.PolicyArchitecture;
import dev.ampj.learner.nn.PolicyInference;
import org.junit.jupiter.api.Test;

class RunLearnerSettingsTest {

    private static Config config(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void autoMicroBatchIsTheLargestShardsEnvCount() {
        assertEquals(128, RunLearnerSettings.of(config("amp.learner.inference-micro-batch = auto")).inferenceMicroBatch(),
                "256 envs in 2 shards");
        Config uneven = config("amp.learner.inference-micro-batch = auto, amp.actors.training { num-envs = 10, shards = 3 }");
        assertEquals(4, RunLearnerSettings.of(uneven).inferenceMicroBatch());
        // Every shard's envs (consecutive ids, at most M of them) fill distinct slots: one call per step.
        ShardLayout layout = new ShardLayout(10, 3);
        for (int s = 0; s < 3; s++) {
            boolean[] used = new boolean[4];
            for (int e : layout.envIds(s)) {
                assertTrue(!used[e % 4], "shard " + s + " env " + e);
                used[e % 4] = true;
            }
        }
        assertEquals(128, RunLearnerSettings.of(config("amp.actors.training.num-envs = 1024")).inferenceMicroBatch(),
                "the default is a fixed number: results do not depend on the shard count");
    }

    @Test
    void anUnresolvedAutoIsRefusedByInference() {
        LearnerSettings raw = LearnerSettings.fromConfig(config("amp.learner.inference-micro-batch = auto"));
        assertEquals(LearnerSettings.AUTO, raw.inferenceMicroBatch());
        PolicyArchitecture arch = PolicyArchitecture.of(raw.policy(), new dev.ampj.learner.LearnerDims(4, 4, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PolicyInference(arch, 1, raw.inferenceMicroBatch(), 1, new float[arch.snapshotLength()]));
        assertTrue(e.getMessage().contains("inference-micro-batch = auto must be resolved"), e.getMessage());
    }
}
