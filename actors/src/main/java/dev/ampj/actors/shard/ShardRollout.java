package dev.ampj.actors.shard;

import dev.ampj.actors.wire.ShardTrajectory;
import dev.ampj.learner.nn.ActResult;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;

/**
 * A SimShard's rollout loop: T control steps of policy inference (its local copy of θk), per-env
 * action sampling from the streams (seed, "action", env id, global step), and env steps, filling a
 * {@link ShardTrajectory}. Everything an env's numbers depend on is keyed by its global env id and
 * the global step, so the result for an env does not depend on the shard it runs in.
 */
public final class ShardRollout {

    private ShardRollout() {}

    /**
     * Runs {@code out.horizon} steps starting at global step {@code startStep}. The env must be in
     * the iteration-start state; it is left in the iteration-end state, whose snapshot is stored in
     * {@code out.envState()}.
     */
    public static void run(VecEnv env, PolicyInference policy, long startStep, ShardTrajectory out) {
        long t0 = System.nanoTime();
        int n = env.numEnvs();
        if (n != out.numEnvs) {
            throw new IllegalArgumentException("shard trajectory holds " + out.numEnvs + " envs, the VecEnv " + n);
        }
        int[] envIds = new int[n];
        for (int i = 0; i < n; i++) {
            envIds[i] = env.envId(i);
        }
        Rollout rows = out.rollout();
        float[] taskRewards = rows.taskRewards();
        float[] dones = rows.dones();
        float[] timeouts = rows.timeouts();
        float[] episodeLengths = rows.episodeLengths();
        long[] episodeIds = rows.episodeIds();
        StepBuffers b = env.buffers();
        int dp = b.policyDim;
        int dc = b.criticDim;
        int da = b.ampDim;
        int a = out.dims.actions();
        int[] stepsBefore = new int[n];
        for (int t = 0; t < out.horizon; t++) {
            int row = t * n;
            System.arraycopy(b.policyObs, 0, rows.policyObs(), row * dp, n * dp);
            System.arraycopy(b.criticObs, 0, rows.criticObs(), row * dc, n * dc);
            System.arraycopy(b.ampObs, 0, rows.ampObs(), row * da, n * da);
            System.arraycopy(b.episodeSteps, 0, stepsBefore, 0, n);
            ActResult act = policy.act(startStep + t, envIds, b.policyObs, b.criticObs);
            System.arraycopy(act.actions(), 0, rows.actions(), row * a, n * a);
            System.arraycopy(act.logProbs(), 0, rows.logProbs(), row, n);
            System.arraycopy(act.values(), 0, rows.values(), row, n);
            env.step(act.actions());
            int timedOut = 0;
            for (int i = 0; i < n; i++) {
                int r = row + i;
                taskRewards[r] = b.rewards[i];
                boolean done = b.done(i);
                dones[r] = b.terminated[i] ? 1f : 0f;
                timeouts[r] = b.timedOut[i] && !b.terminated[i] ? 1f : 0f;
                episodeIds[r] = b.episodeIds[i];
                episodeLengths[r] = done ? stepsBefore[i] + 1 : 0f;
                float[] next = done ? b.terminalAmpObs : b.ampObs;
                System.arraycopy(next, i * da, rows.ampNextObs(), r * da, da);
                if (timeouts[r] != 0f) {
                    timedOut++;
                }
            }
            if (timedOut > 0) {
                bootstrapTimeouts(policy, envIds, b, out, row, timedOut);
            }
        }
        float[] last = policy.values(envIds, b.criticObs);
        System.arraycopy(last, 0, rows.lastValues(), 0, n);
        out.setBlob(RolloutColumn.ENV_STATE, ShardState.capture(env));
        out.simMillis = (System.nanoTime() - t0) / 1e6;
    }

    /** Values of the terminal critic observations of the envs that timed out at this step. */
    private static void bootstrapTimeouts(PolicyInference policy, int[] envIds, StepBuffers b, ShardTrajectory out, int row,
            int count) {
        int n = envIds.length;
        int dc = b.criticDim;
        int[] ids = new int[count];
        float[] obs = new float[count * dc];
        Rollout rows = out.rollout();
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (rows.timeouts()[row + i] != 0f) {
                ids[k] = envIds[i];
                System.arraycopy(b.terminalCriticObs, i * dc, obs, k * dc, dc);
                k++;
            }
        }
        float[] v = policy.values(ids, obs);
        k = 0;
        for (int i = 0; i < n; i++) {
            if (rows.timeouts()[row + i] != 0f) {
                rows.timeoutValues()[row + i] = v[k++];
            }
        }
    }
}
