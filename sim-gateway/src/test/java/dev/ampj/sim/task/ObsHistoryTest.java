package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Observation history on the real env: each term's block holds its last k frames oldest first, a
 * reset fills all k with the episode's first frame, and an env's history is its own. The frames
 * are checked against a history-free env run on the same script (history cannot change dynamics).
 */
class ObsHistoryTest {

    static final int K = 3;
    static final int ENVS = 4;

    @Test
    void termsAreStackedOldestFirstAndAResetFillsTheHistory() {
        SimSettings flat = VecEnvBehaviourTest.with("amp.sim.action-clip = 2.0");
        SimSettings stacked = VecEnvBehaviourTest.with("amp.sim.action-clip = 2.0\n"
                + "amp.sim.observations.policy.history-length = " + K + "\n"
                + "amp.sim.observations.critic.foot_contact.history-length = 2");
        int[] ids = EnvIds.range(0, ENVS);
        try (BatchVecEnv a = VelocityTaskVecEnvs.create(flat, 42, ids);
                BatchVecEnv b = VelocityTaskVecEnvs.create(stacked, 42, ids)) {
            ObsGroupSpec policy = b.spec().policy();
            assertEquals(K * 28, policy.dim());
            assertEquals(new ObsGroupSpec.Slice("velocity_command", K * 9, K, K), policy.slice("velocity_command"));
            assertEquals(31 + 2, b.spec().criticDim(), "only foot_contact keeps 2 frames in the critic");
            // frames[i] = the flat env's policy rows since env i's episode began
            List<List<float[]>> frames = new ArrayList<>();
            for (int i = 0; i < ENVS; i++) {
                frames.add(new ArrayList<>(List.of(row(a.buffers(), i))));
                checkStack(b.buffers(), i, frames.get(i), "at construction");
            }
            float[] actions = new float[ENVS * 6];
            int resets = 0;
            for (int t = 0; t < 400; t++) {
                Scripts.fill(a, actions, t);
                a.step(actions);
                b.step(actions);
                StepBuffers fb = a.buffers();
                for (int i = 0; i < ENVS; i++) {
                    if (fb.done(i)) {
                        resets++;
                        frames.get(i).clear();
                        checkTerminalCritic(a.buffers(), b.buffers(), i);
                    }
                    frames.get(i).add(row(fb, i));
                    checkStack(b.buffers(), i, frames.get(i), "step " + t);
                }
            }
            assertTrue(resets >= 2, "the script must reset some env, got " + resets);
        }
    }

    @Test
    void anEnvsHistoryDoesNotDependOnTheOtherEnvs() {
        SimSettings s = VecEnvBehaviourTest.with("amp.sim.observations.policy.history-length = 4\n"
                + "amp.sim.observations.policy.joint_vel.noise = 0.5");
        try (BatchVecEnv batch = VelocityTaskVecEnvs.create(s, 9, EnvIds.range(0, ENVS));
                BatchVecEnv alone = VelocityTaskVecEnvs.create(s, 9, new int[] {2})) {
            float[] actions = new float[ENVS * 6];
            float[] one = new float[6];
            for (int t = 0; t < 150; t++) {
                Scripts.fill(batch, actions, t);
                System.arraycopy(actions, 2 * 6, one, 0, 6);
                batch.step(actions);
                alone.step(one);
                int d = batch.spec().policyDim();
                assertArrayEquals(Arrays.copyOfRange(batch.buffers().policyObs, 2 * d, 3 * d), alone.buffers().policyObs,
                        "env 2's stacked row at step " + t);
            }
        }
    }

    /** Row {@code i}'s term blocks must be the last K frames (the first repeated to fill). */
    private static void checkStack(StepBuffers b, int i, List<float[]> since, String when) {
        int d = b.policyDim;
        int at = 0;
        for (int term = 0; term < TaskObservations.POLICY_TERMS.size(); term++) {
            int w = TaskObservations.POLICY_DIMS.get(term);
            for (int h = 0; h < K; h++) {
                int age = K - 1 - h; // frames back from the newest
                float[] f = since.get(Math.max(0, since.size() - 1 - age));
                for (int c = 0; c < w; c++) {
                    assertEquals(f[at + c], b.policyObs[i * d + K * at + h * w + c],
                            TaskObservations.POLICY_TERMS.get(term) + " frame " + h + " of env " + i + ", " + when);
                }
            }
            at += w;
        }
    }

    /** The stacked env's terminal critic row ends (foot_contact) with the terminal frame, after the one before. */
    private static void checkTerminalCritic(StepBuffers flat, StepBuffers stacked, int i) {
        int df = flat.criticDim;
        int ds = stacked.criticDim;
        assertArrayEquals(Arrays.copyOfRange(flat.terminalCriticObs, i * df, i * df + 29),
                Arrays.copyOfRange(stacked.terminalCriticObs, i * ds, i * ds + 29), "terminal critic, one-frame terms");
        assertArrayEquals(Arrays.copyOfRange(flat.terminalCriticObs, i * df + 29, i * df + 31),
                Arrays.copyOfRange(stacked.terminalCriticObs, i * ds + 31, i * ds + 33), "terminal foot_contact, newest");
    }

    private static float[] row(StepBuffers b, int i) {
        return Arrays.copyOfRange(b.policyObs, i * b.policyDim, (i + 1) * b.policyDim);
    }
}
