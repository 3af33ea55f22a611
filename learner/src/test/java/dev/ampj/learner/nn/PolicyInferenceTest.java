package dev.ampj.learner.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.Fixtures;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PolicyInferenceTest {

    private static final LearnerDims DIMS = Fixtures.DIMS;

    private static float[] rows(float[] all, int width, int[] which) {
        float[] out = new float[which.length * width];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(all, which[i] * width, out, i * width, width);
        }
        return out;
    }

    @Test
    void anEnvsResultsDoNotDependOnWhichEnvsShareTheCall() {
        independence(Fixtures.small()); // micro-batch 8, small networks
    }

    @Test
    void independenceHoldsAtTheDefaultSizes() {
        // the default micro-batch (128) and actor/critic sizes
        LearnerSettings d = LearnerSettings.defaults();
        independence(d.withPolicy(d.policy()).withDiscriminator(Fixtures.small().discriminator()));
    }

    private static void independence(LearnerSettings s) {
        try (AmpLearner learner = AmpLearner.create(s, DIMS, 11);
                PolicyInference inf = learner.newInference()) {
            int n = 256;
            float[] obs = Fixtures.gaussian(5, "obs", n * DIMS.policyObs(), 2.0);
            float[] critic = Fixtures.gaussian(5, "critic", n * DIMS.criticObs(), 2.0);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            ActResult full = inf.act(42, all, obs, critic);
            // the same envs shuffled, alone, and in small odd groups
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add((i * 97) % n);
            }
            int[] shuffled = order.stream().mapToInt(Integer::intValue).toArray();
            ActResult sh = inf.act(42, shuffled, rows(obs, DIMS.policyObs(), shuffled), rows(critic, DIMS.criticObs(), shuffled));
            int a = DIMS.actions();
            for (int k = 0; k < n; k++) {
                int e = shuffled[k];
                assertEquals(Float.floatToIntBits(full.values()[e]), Float.floatToIntBits(sh.values()[k]), "value env " + e);
                assertEquals(Float.floatToIntBits(full.logProbs()[e]), Float.floatToIntBits(sh.logProbs()[k]), "logp env " + e);
                for (int j = 0; j < a; j++) {
                    assertEquals(Float.floatToIntBits(full.actions()[e * a + j]), Float.floatToIntBits(sh.actions()[k * a + j]));
                }
            }
            for (int e : new int[] {0, 7, 8, 131, 255}) {
                int[] one = {e};
                ActResult alone = inf.act(42, one, rows(obs, DIMS.policyObs(), one), rows(critic, DIMS.criticObs(), one));
                assertEquals(Float.floatToIntBits(full.values()[e]), Float.floatToIntBits(alone.values()[0]));
                assertEquals(Float.floatToIntBits(full.logProbs()[e]), Float.floatToIntBits(alone.logProbs()[0]));
                assertArrayEquals(java.util.Arrays.copyOfRange(full.actions(), e * a, e * a + a), alone.actions());
                assertArrayEquals(java.util.Arrays.copyOfRange(full.means(), e * a, e * a + a), alone.means());
            }
            float[] v = inf.values(new int[] {131}, rows(critic, DIMS.criticObs(), new int[] {131}));
            assertEquals(Float.floatToIntBits(full.values()[131]), Float.floatToIntBits(v[0]));
        }
    }

    @Test
    void samplingSplitOverTwoThreadsGivesTheBitsOfOneEnvAtATime() {
        int n = PolicyInference.PARALLEL_SAMPLING_DRAWS / DIMS.actions() + 3; // odd halves, above the split
        try (AmpLearner learner = AmpLearner.create(Fixtures.small(), DIMS, 11);
                PolicyInference inf = learner.newInference()) {
            float[] obs = Fixtures.gaussian(7, "obs", n * DIMS.policyObs(), 1.0);
            float[] critic = Fixtures.gaussian(7, "critic", n * DIMS.criticObs(), 1.0);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            ActResult together = inf.act(5, all, obs, critic);
            int a = DIMS.actions();
            for (int e = 0; e < n; e += 97) {
                ActResult alone = inf.act(5, new int[] {e}, rows(obs, DIMS.policyObs(), new int[] {e}),
                        rows(critic, DIMS.criticObs(), new int[] {e}));
                assertEquals(Float.floatToIntBits(alone.logProbs()[0]), Float.floatToIntBits(together.logProbs()[e]), "env " + e);
                for (int j = 0; j < a; j++) {
                    assertEquals(Float.floatToIntBits(alone.actions()[j]), Float.floatToIntBits(together.actions()[e * a + j]),
                            "env " + e + " action " + j);
                }
            }
        }
    }

    @Test
    void noiseIsKeyedByEnvAndStepAndLogProbMatchesTheGaussian() {
        try (AmpLearner learner = AmpLearner.create(Fixtures.small(), DIMS, 11);
                PolicyInference inf = learner.newInference()) {
            int[] ids = {3, 4};
            float[] obs = Fixtures.gaussian(6, "obs", 2 * DIMS.policyObs(), 1.0);
            float[] critic = Fixtures.gaussian(6, "critic", 2 * DIMS.criticObs(), 1.0);
            ActResult t0 = inf.act(0, ids, obs, critic);
            ActResult t1 = inf.act(1, ids, obs, critic);
            assertArrayEquals(t0.means(), t1.means());
            assertTrue(t0.actions()[0] != t1.actions()[0], "a new step draws new noise");
            double lp = 0;
            for (int j = 0; j < DIMS.actions(); j++) {
                double z = (t0.actions()[j] - t0.means()[j]) / t0.std()[j];
                lp += -0.5 * z * z - Math.log(t0.std()[j]) - 0.5 * Math.log(2 * Math.PI);
            }
            assertEquals(lp, t0.logProbs()[0], 1e-5);
        }
    }

    @Test
    void concurrentCallsFromManyThreadsGiveTheSameResults() throws Exception {
        try (AmpLearner learner = AmpLearner.create(Fixtures.small(), DIMS, 11);
                PolicyInference inf = learner.newInference()) {
            int n = 64;
            float[] obs = Fixtures.gaussian(5, "obs", n * DIMS.policyObs(), 1.0);
            float[] critic = Fixtures.gaussian(5, "critic", n * DIMS.criticObs(), 1.0);
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            ActResult ref = inf.act(9, ids, obs, critic);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<ActResult>> fs = new ArrayList<>();
                for (int k = 0; k < 16; k++) {
                    fs.add(pool.submit(() -> inf.act(9, ids, obs, critic)));
                }
                for (Future<ActResult> f : fs) {
                    ActResult r = f.get();
                    assertArrayEquals(ref.actions(), r.actions());
                    assertArrayEquals(ref.values(), r.values());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void badInputNamesTheArray() {
        try (AmpLearner learner = AmpLearner.create(Fixtures.small(), DIMS, 11);
                PolicyInference inf = learner.newInference()) {
            float[] obs = new float[DIMS.policyObs()];
            float[] critic = new float[DIMS.criticObs()];
            obs[2] = Float.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> inf.act(0, new int[] {0}, obs, critic));
            assertTrue(e.getMessage().startsWith("policyObs[row 0, col 2] is NaN"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> inf.act(0, new int[] {0}, new float[3], critic));
            assertTrue(e.getMessage().contains("policyObs: expected 1 x 6"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> new PolicyInference(learner.ppo().architecture(), 1, 8, 1, new float[5]));
        }
    }
}
