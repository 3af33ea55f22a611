package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.learner.Fixtures;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import org.junit.jupiter.api.Test;

/** With an AMP mirror map the discriminator is trained on mirrored pairs too and scores x and mirror(x) alike. */
class DiscriminatorSymmetryTest {

    static final LearnerDims DIMS = new LearnerDims(1, 1, 1, 2);

    static double asymmetry(String map) {
        LearnerSettings s = LearnerSettings.fromConfig(ConfigFactory.parseString(
                "amp.learner.torch-threads = 1, amp.learner.discriminator { hidden-dims = [32, 32], learning-rate = 1e-3"
                        // a smooth D (penalty 5): what is measured is the mirror, not how sharp D is
                        + ", gradient-penalty = 5.0, num-learning-epochs = 2, num-mini-batches = 2, amp-obs-map = " + map + " }")
                .withFallback(ConfigFactory.defaultReference()).resolve());
        try (DiscriminatorTrainer d = new DiscriminatorTrainer(s, DIMS, 4)) {
            int pairs = 128;
            for (int it = 0; it < 15; it++) {
                int need = d.expertPairsNeeded(pairs);
                d.update(offset(Fixtures.gaussian(it, "p", pairs * 2, 0.5), -1), offset(Fixtures.gaussian(it, "pn", pairs * 2, 0.5), -1),
                        pairs, expert(Fixtures.gaussian(it, "e", need * 2, 0.5)), expert(Fixtures.gaussian(it, "en", need * 2, 0.5)), need);
            }
            int n = 256;
            float[] x = Fixtures.gaussian(9, "probe", n * 2, 1.0);
            float[] m = x.clone();
            for (int i = 0; i < n; i++) {
                m[2 * i] = -m[2 * i];
            }
            float[] a = d.styleRewards(x, x, n).logits();
            float[] b = d.styleRewards(m, m, n).logits();
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                s2 += Math.abs(a[i] - b[i]);
            }
            return s2 / n;
        }
    }

    /** Expert pairs sit at x0 = +1.5 (mirror: -1.5), x1 = +1; without mirrored batches D learns the sign of x0. */
    static float[] expert(float[] x) {
        for (int i = 0; i < x.length; i += 2) {
            x[i] += 1.5f;
        }
        return offset(x, 1);
    }

    /** Shifts the second column (the one the mirror keeps) by {@code by}. */
    static float[] offset(float[] x, float by) {
        for (int i = 1; i < x.length; i += 2) {
            x[i] += by;
        }
        return x;
    }

    @Test
    void mirroredBatchesMakeTheDiscriminatorSymmetric() {
        double plain = asymmetry("[]");
        double mirrored = asymmetry("[-1, 2]");
        assertTrue(mirrored < 0.2 * plain, "logit asymmetry with the AMP mirror " + mirrored + " vs without " + plain);
    }
}
