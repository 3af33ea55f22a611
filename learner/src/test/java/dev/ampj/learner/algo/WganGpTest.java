package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.learner.Fixtures;
import dev.ampj.learner.LearnerDims;
import org.junit.jupiter.api.Test;

/**
 * WGAN-GP on expert pairs ~ N(+0.7, 0.5) vs policy pairs ~ N(-0.7, 0.5) per column: the critic's
 * expert-policy gap estimates the Wasserstein-1 distance (for equal covariances, the distance of the
 * means in the normalised input space), its gradient norm at interpolates is near 1, and the style
 * reward stays within [coef / e, coef * e] while ranking expert above policy pairs.
 */
class WganGpTest {

    static final LearnerDims DIMS = new LearnerDims(1, 1, 1, 2);

    @Test
    void criticGapEstimatesTheWassersteinDistanceAndTheRewardIsBounded() {
        int pairs = 256;
        try (DiscriminatorTrainer d = new DiscriminatorTrainer(Fixtures.small("amp.learner.discriminator { loss = wgan"
                + ", gradient-penalty = 10, hidden-dims = [32, 32], learning-rate = 1e-3, num-mini-batches = 4 }"), DIMS, 4)) {
            DiscriminatorStats last = null;
            for (int it = 0; it < 40; it++) {
                int need = d.expertPairsNeeded(pairs);
                last = d.update(gaussian(it, "p", pairs, -0.7f), gaussian(it, "pn", pairs, -0.7f), pairs,
                        gaussian(it, "e", need, 0.7f), gaussian(it, "en", need, 0.7f), need);
            }
            double w1 = 0;
            for (float denom : d.normalizer().denom32()) {
                w1 += 2 * (1.4 / denom) * (1.4 / denom); // s and s' columns share the normaliser
            }
            w1 = Math.sqrt(w1);
            int n = 1024;
            StyleRewardStats expert = d.styleRewards(gaussian(99, "he", n, 0.7f), gaussian(99, "hen", n, 0.7f), n);
            StyleRewardStats policy = d.styleRewards(gaussian(99, "hp", n, -0.7f), gaussian(99, "hpn", n, -0.7f), n);
            double gap = mean(expert.logits()) - mean(policy.logits());
            String msg = "critic gap " + gap + " vs W1 " + w1 + ", " + last;
            assertTrue(gap > 0.8 * w1 && gap < 1.3 * w1, msg);
            assertTrue(last.gradientPenalty() < 0.06, msg);
            double coef = 2.0;
            for (StyleRewardStats r : new StyleRewardStats[] {expert, policy}) {
                for (float v : r.rewards()) {
                    assertTrue(v >= coef / Math.E - 1e-5 && v <= coef * Math.E + 1e-5, "reward " + v);
                }
            }
            assertTrue(expert.mean() > policy.mean() + 0.5, "expert reward " + expert.mean() + " vs policy " + policy.mean());
        }
    }

    private static double mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s / x.length;
    }

    static float[] gaussian(long it, String purpose, int pairs, float shift) {
        float[] x = Fixtures.gaussian(it, purpose, pairs * DIMS.ampObs(), 0.5);
        for (int i = 0; i < x.length; i++) {
            x[i] += shift;
        }
        return x;
    }
}
