package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.Fixtures;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.nn.PolicyInference;
import org.junit.jupiter.api.Test;

/** Symmetry augmentation + mirror loss make the policy odd under the mirror (x -> -x, a -> -a). */
class SymmetryTest {

    static final LearnerDims DIMS = new LearnerDims(2, 2, 1, 1);

    static LearnerSettings settings(String symmetry) {
        return LearnerSettings.fromConfig(ConfigFactory.parseString("""
                amp.learner { torch-threads = 1, inference-micro-batch = 16
                  policy { actor-hidden-dims = [16, 16], critic-hidden-dims = [16, 16] }
                  discriminator { hidden-dims = [8], replay-buffer-size = 10 }
                  ppo.symmetry { %s }
                }""".formatted(symmetry)).withFallback(ConfigFactory.defaultReference()).resolve());
    }

    /** Mean |mu(o) + mu(-o)| over probe observations (0 for an odd policy). */
    static double asymmetry(AmpLearner learner) {
        int n = 64;
        float[] o = Fixtures.gaussian(77, "probe", n * 2, 1.0);
        float[] m = new float[o.length];
        for (int i = 0; i < o.length; i++) {
            m[i] = -o[i];
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        try (PolicyInference inf = learner.newInference()) {
            float[] a = inf.act(0, ids, o, o).means();
            float[] b = inf.act(0, ids, m, m).means();
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.abs(a[i] + b[i]);
            }
            return s / n;
        }
    }

    static double train(LearnerSettings s) {
        try (AmpLearner learner = AmpLearner.create(s, DIMS, 3)) {
            PpoStats last = null;
            for (int it = 0; it < 8; it++) {
                last = learner.ppo().update(Fixtures.rollout(DIMS, 8, 32, it), null);
            }
            assertTrue(Double.isFinite(last.mirrorLoss()));
            return asymmetry(learner);
        }
    }

    @Test
    void mirrorLossAndAugmentationMakeThePolicySymmetric() {
        double plain = train(settings("use-data-augmentation = false"));
        double mirrored = train(settings("""
                use-data-augmentation = true, use-mirror-loss = true, mirror-loss-coef = 10.0
                policy-obs-map = [-1, -2], critic-obs-map = [-1, -2], action-map = [-1]"""));
        double lossOnly = train(settings("""
                use-mirror-loss = true, mirror-loss-coef = 10.0
                policy-obs-map = [-1, -2], critic-obs-map = [-1, -2], action-map = [-1]"""));
        System.out.println("asymmetry: plain " + plain + ", augmented + mirror loss " + mirrored + ", mirror loss " + lossOnly);
        assertTrue(mirrored < 0.25 * plain, "asymmetry with symmetry " + mirrored + " vs without " + plain);
        assertTrue(lossOnly < 0.25 * plain, "asymmetry with mirror loss only " + lossOnly + " vs without " + plain);
    }

    @Test
    void aBadMirrorMapNamesTheKey() {
        LearnerSettings s = settings("use-mirror-loss = true, policy-obs-map = [1, 3], critic-obs-map = [1, 2], action-map = [-1]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AmpLearner.create(s, DIMS, 1));
        assertTrue(e.getMessage().contains("symmetry.policy-obs-map[1] = 3"), e.getMessage());
    }
}
