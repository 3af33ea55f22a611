package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.learner.Fixtures;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The discriminator separates expert pairs ~ N(+0.7, 0.5) from policy pairs ~ N(-0.7, 0.5) and its style reward ranks them. */
class TwoGaussiansDiscriminatorTest {

    static final LearnerDims DIMS = new LearnerDims(1, 1, 1, 2);

    @ParameterizedTest
    @ValueSource(strings = {"bce", "lsgan", "wgan"})
    void separatesAndRanks(String loss) {
        LearnerSettings s = LearnerSettings.fromConfig(ConfigFactory.parseString(
                "amp.learner.torch-threads = 1, amp.learner.discriminator { hidden-dims = [32, 32], loss = " + loss + ", learning-rate = 1e-3"
                        + ", num-learning-epochs = 2, num-mini-batches = 4, minibatch-std = true }")
                .withFallback(ConfigFactory.defaultReference()).resolve());
        int pairs = 256;
        try (DiscriminatorTrainer d = new DiscriminatorTrainer(s, DIMS, 4)) {
            DiscriminatorStats last = null;
            for (int it = 0; it < 25; it++) {
                float[] p = shifted(Fixtures.gaussian(it, "p", pairs * 2, 0.5), -0.7f);
                float[] pn = shifted(Fixtures.gaussian(it, "pn", pairs * 2, 0.5), -0.7f);
                int need = d.expertPairsNeeded(pairs);
                float[] e = shifted(Fixtures.gaussian(it, "e", need * 2, 0.5), 0.7f);
                float[] en = shifted(Fixtures.gaussian(it, "en", need * 2, 0.5), 0.7f);
                last = d.update(p, pn, pairs, e, en, need);
            }
            float[] pe = shifted(Fixtures.gaussian(99, "pe", 512 * 2, 0.5), 0.7f);
            float[] pen = shifted(Fixtures.gaussian(99, "pen", 512 * 2, 0.5), 0.7f);
            float[] pp = shifted(Fixtures.gaussian(99, "pp", 512 * 2, 0.5), -0.7f);
            float[] ppn = shifted(Fixtures.gaussian(99, "ppn", 512 * 2, 0.5), -0.7f);
            double expertReward = d.styleRewards(pe, pen, 512).mean();
            double policyReward = d.styleRewards(pp, ppn, 512).mean();
            assertTrue(last.expertAccuracy() > 0.9 && last.policyAccuracy() > 0.9, loss + ": " + last);
            assertTrue(expertReward > policyReward + 0.3, loss + ": style reward expert " + expertReward
                    + " vs policy " + policyReward);
        }
    }

    private static float[] shifted(float[] x, float by) {
        for (int i = 0; i < x.length; i++) {
            x[i] += by;
        }
        return x;
    }
}
