package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ampj.learner.Fixtures;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.normalization.EmpiricalNormalizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The AMP normaliser merges s and s' of the policy and expert pairs of every step, with the configured eps. */
class AmpObsNormalizerTest {

    static final LearnerDims DIMS = new LearnerDims(1, 1, 1, 2);

    @Test
    void statisticsCoverStatesAndNextStatesOfBothClasses() {
        // Constant columns, so the statistics do not depend on which replay pairs each step samples:
        // policy s = 0, s' = 3; expert s = 1, s' = 5 (both columns).
        int pairs = 64;
        try (DiscriminatorTrainer d = new DiscriminatorTrainer(Fixtures.small(
                "amp.learner.discriminator.obs-normalization-eps = 0.25"), DIMS, 3)) {
            int need = d.expertPairsNeeded(pairs);
            d.update(filled(pairs, 0f), filled(pairs, 3f), pairs, filled(need, 1f), filled(need, 5f), need);
            EmpiricalNormalizer n = d.normalizer();
            int steps = 2 * 2; // epochs x mini-batches in Fixtures.small()
            assertEquals(4L * steps * (pairs / 2), n.count());
            double mean = (0 + 3 + 1 + 5) / 4.0;
            double var = (0 + 9 + 1 + 25) / 4.0 - mean * mean;
            assertArrayEquals(new double[] {mean, mean}, n.meanState(), 1e-12);
            assertArrayEquals(new double[] {var, var}, n.varState(), 1e-12);
            float denom = (float) (Math.sqrt(var) + 0.25);
            assertArrayEquals(new float[] {denom, denom}, n.denom32(), 1e-6f);
        }
    }

    private static float[] filled(int pairs, float v) {
        float[] x = new float[pairs * DIMS.ampObs()];
        Arrays.fill(x, v);
        return x;
    }
}
