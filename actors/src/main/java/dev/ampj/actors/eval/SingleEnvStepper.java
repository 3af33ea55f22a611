package dev.ampj.actors.eval;

import dev.ampj.learner.nn.ActResult;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import java.util.List;

/**
 * Steps single-env VecEnvs side by side with one policy call per control step: every env's policy
 * and critic observations go into one batch (env e in row e), {@code policy.act} runs once, and
 * env e steps with row e's mean action (deterministic: no action noise). Evaluation and playback
 * share this loop; what each records from the envs is its {@link Hooks}.
 */
final class SingleEnvStepper {

    /** What a caller reads around each env's step, env by env in index order. */
    interface Hooks {

        /** Before env {@code e} steps: {@code b} still holds the observations the action was chosen from. */
        default void beforeStep(int e, StepBuffers b) {}

        /** After env {@code e} stepped: {@code b} holds the step's rewards, flags and next observations. */
        void afterStep(int e, StepBuffers b);
    }

    private final List<VecEnv> envs;
    private final PolicyInference policy;
    private final int dp;
    private final int dc;
    private final int act;
    private final int[] ids;
    private final float[] policyObs;
    private final float[] criticObs;
    private final float[] action;

    /** {@code envs}: one env each, all of {@code spec}; env e is batch row e. */
    SingleEnvStepper(List<VecEnv> envs, VecEnvSpec spec, PolicyInference policy) {
        int n = envs.size();
        this.envs = envs;
        this.policy = policy;
        this.dp = spec.policyDim();
        this.dc = spec.criticDim();
        this.act = spec.actionDim();
        this.ids = new int[n];
        for (int e = 0; e < n; e++) {
            ids[e] = e;
        }
        this.policyObs = new float[n * dp];
        this.criticObs = new float[n * dc];
        this.action = new float[act];
    }

    /** Control step {@code t} of every env. */
    void step(int t, Hooks hooks) {
        int n = envs.size();
        for (int e = 0; e < n; e++) {
            StepBuffers b = envs.get(e).buffers();
            System.arraycopy(b.policyObs, 0, policyObs, e * dp, dp);
            System.arraycopy(b.criticObs, 0, criticObs, e * dc, dc);
        }
        ActResult r = policy.act(t, ids, policyObs, criticObs);
        for (int e = 0; e < n; e++) {
            VecEnv env = envs.get(e);
            hooks.beforeStep(e, env.buffers());
            System.arraycopy(r.means(), e * act, action, 0, act);
            env.step(action);
            hooks.afterStep(e, env.buffers());
        }
    }
}
