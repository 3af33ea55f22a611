package dev.ampj.learner.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class LearnerSettingsTest {

    private static LearnerSettings parse(String hocon) {
        return LearnerSettings.fromConfig(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }

    @Test
    void referenceDefaultsFollowRslRlAndAmpSizedForCpu() {
        LearnerSettings s = LearnerSettings.defaults();
        assertArrayEquals(new int[] {128, 128}, s.policy().actorHiddenDims());
        assertArrayEquals(new int[] {256, 256}, s.discriminator().hiddenDims());
        assertEquals(2, s.discriminator().numLearningEpochs());
        assertFalse(s.ppo().useClippedValueLoss());
        assertEquals(Activation.ELU, s.policy().activation());
        assertEquals(DiscriminatorLossType.BCE, s.discriminator().loss());
        assertEquals(0.3, s.discriminator().gradientPenalty());
        assertEquals(RewardCombine.LERP, s.styleReward().combine());
        assertEquals(2.0, s.styleReward().rewardCoef());
        assertEquals(0.2, s.ppo().clipParam());
        assertTrue(s.ppo().adaptiveSchedule());
        assertEquals(30_000, s.discriminator().replayBufferSize());
        assertEquals(128, s.inferenceMicroBatch());
        assertEquals(512, parse("amp.learner.inference-micro-batch = auto").withShardEnvs(512).inferenceMicroBatch(),
                "auto = the envs of one shard");
        assertEquals(64, parse("amp.learner.inference-micro-batch = 64").withShardEnvs(512).inferenceMicroBatch(),
                "a number pins it");
        assertEquals(1e-2, s.discriminator().obsNormalizationEps());
        assertEquals(0.25, parse("amp.learner.discriminator.obs-normalization-eps = 0.25").discriminator()
                .obsNormalizationEps());
    }

    @Test
    void unknownKeyIsRejectedWithTheKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("amp.learner.discriminator.hiden-dims = [3]"));
        assertTrue(e.getMessage().contains("unknown key(s) [hiden-dims] under amp.learner.discriminator"), e.getMessage());
        assertTrue(e.getMessage().contains("hidden-dims"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.lr = 3"));
        assertTrue(e.getMessage().contains("known keys: [device, discriminator"), e.getMessage());
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.ppo.gamma = 1.5"));
        assertEquals("config: amp.learner.ppo.gamma = 1.5: expected a number in [0, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.discriminator.loss = hinge"));
        assertTrue(e.getMessage().contains("amp.learner.discriminator.loss = hinge: expected one of [bce, lsgan, wgan]"));
        e = assertThrows(IllegalArgumentException.class,
                () -> parse("amp.learner.discriminator.obs-normalization-eps = 0"));
        assertEquals("config: amp.learner.discriminator.obs-normalization-eps = 0.0: expected a finite number > 0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.policy.actor-hidden-dims = [64, 0]"));
        assertTrue(e.getMessage().contains("actor-hidden-dims"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.ppo.learning-rate = fast"));
        assertTrue(e.getMessage().contains("amp.learner.ppo.learning-rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.inference-micro-batch = many"));
        assertEquals("config: amp.learner.inference-micro-batch = many: expected a positive integer or auto", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.inference-micro-batch = 0"));
        assertEquals("config: amp.learner.inference-micro-batch = 0: expected a positive integer or auto", e.getMessage());
    }

    @Test
    void deviceNamesTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.device = gpu"));
        assertTrue(e.getMessage().contains("[auto, cpu, cuda]"), e.getMessage());
    }
}
