package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.ObsGroupSettings;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Observation noise, clip and scale: on the real env (scripted actions, so noise cannot change the
 * dynamics) the noisy policy row minus the clean one is the noise, whose statistics must match the
 * configured distribution, while the state, the AMP row and the un-noised terms stay bit-identical.
 */
class ObsProcessingTest {

    static final int ENVS = 8;
    static final int STEPS = 400;
    /** Policy row offsets: joint_pos_rel [10, 16), joint_vel [16, 22). */
    static final int JOINT_POS = 10;
    static final int JOINT_VEL = 16;

    @Test
    void uniformNoiseOnTheEnvMatchesUnoiseAndLeavesAmpAndStateUntouched() {
        SimSettings clean = SimSettings.defaults();
        SimSettings noisy = VecEnvBehaviourTest.with(
                "amp.sim.observations.policy { joint_pos_rel.noise = 0.01, joint_vel.noise = 1.5 }");
        int[] ids = EnvIds.range(0, ENVS);
        Moments pos = new Moments();
        Moments vel = new Moments();
        try (BatchVecEnv a = VelocityTaskVecEnvs.create(clean, 42, ids);
                BatchVecEnv b = VelocityTaskVecEnvs.create(noisy, 42, ids)) {
            float[] actions = new float[ENVS * 6];
            for (int t = 0; t < STEPS; t++) {
                Scripts.fill(a, actions, t);
                a.step(actions);
                b.step(actions);
                StepBuffers x = a.buffers();
                StepBuffers y = b.buffers();
                assertArrayEquals(x.ampObs, y.ampObs, "the AMP group is never noised (step " + t + ")");
                assertArrayEquals(x.criticObs, y.criticObs, "the critic group has no noise configured");
                assertArrayEquals(x.rewards, y.rewards, "noise does not reach the dynamics");
                for (int i = 0; i < ENVS; i++) {
                    assertEquals(((VelocityTaskEnv) a.member(i)).stateHash(), ((VelocityTaskEnv) b.member(i)).stateHash());
                    int r = i * x.policyDim;
                    for (int k = 0; k < x.policyDim; k++) {
                        double d = y.policyObs[r + k] - x.policyObs[r + k];
                        if (k >= JOINT_POS && k < JOINT_POS + 6) {
                            pos.add(d);
                        } else if (k >= JOINT_VEL && k < JOINT_VEL + 6) {
                            vel.add(d);
                        } else {
                            assertEquals(x.policyObs[r + k], y.policyObs[r + k], "term without noise, column " + k);
                        }
                    }
                }
            }
        }
        // U(-n, n): mean 0, variance n^2 / 3; with N = 19200 draws the mean's std is n / 240
        pos.check(0.01, 0.01 * 0.01 / 3);
        vel.check(1.5, 1.5 * 1.5 / 3);
    }

    @Test
    void gaussianNoiseHasTheConfiguredStandardDeviation() {
        ObsGroupSettings settings = new ObsGroupSettings(1, List.of(new ObsGroupSettings.Term("b", 0.2, true,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 1)));
        ObsProcessing p = new ObsProcessing("policy", "amp.sim.observations.policy", settings, List.of("a", "b"),
                List.of(1, 3));
        long key = p.noiseKey(7, new long[] {3, 0});
        float[] clean = {0.5f, 1f, 2f, 3f};
        float[] out = new float[4];
        Moments m = new Moments();
        for (int t = 0; t < 20000; t++) {
            p.process(clean, 0, key, t, out);
            assertEquals(0.5f, out[0], "term a has no noise");
            for (int i = 1; i < 4; i++) {
                m.add(out[i] - clean[i]);
            }
        }
        assertEquals(0, m.mean(), 4 * 0.2 / Math.sqrt(m.n), "mean");
        assertEquals(0.2, Math.sqrt(m.variance()), 0.2 * 0.02, "standard deviation");
        assertTrue(m.maxAbs > 3 * 0.2, "Gaussian tails reach beyond 3 sigma in 60000 draws: " + m.maxAbs);
    }

    @Test
    void clipComesBeforeScaleAsInIsaacLab() {
        ObsGroupSettings settings = new ObsGroupSettings(1, List.of(new ObsGroupSettings.Term("a", 0, false, -1, 1,
                10, 1)));
        ObsProcessing p = new ObsProcessing("policy", "amp.sim.observations.policy", settings, List.of("a"), List.of(3));
        float[] out = new float[3];
        p.process(new float[] {-4f, 0.25f, 7f}, 0, 0, 0, out);
        assertArrayEquals(new float[] {-10f, 2.5f, 10f}, out);
    }

    /** Running moments of the noise samples. */
    static final class Moments {
        long n;
        double sum;
        double sumSq;
        double maxAbs;

        void add(double d) {
            n++;
            sum += d;
            sumSq += d * d;
            maxAbs = Math.max(maxAbs, Math.abs(d));
        }

        double mean() {
            return sum / n;
        }

        double variance() {
            return sumSq / n - mean() * mean();
        }

        /** Uniform on [-halfWidth, halfWidth]: bounds, mean and variance within sampling error. */
        void check(double halfWidth, double variance) {
            assertTrue(maxAbs <= halfWidth * (1 + 1e-4), "noise beyond +-" + halfWidth + ": " + maxAbs);
            assertTrue(maxAbs > 0.99 * halfWidth, "uniform noise reaches near its bound: " + maxAbs);
            assertEquals(0, mean(), 4 * Math.sqrt(variance / n), "mean of U(-n, n)");
            assertEquals(variance, variance(), 0.03 * variance, "variance of U(-n, n)");
        }
    }
}
