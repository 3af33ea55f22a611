package dev.ampj.actors.eval;

import dev.ampj.learner.nn.ActResult;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * {@link SingleEnvStepper}'s loop over the first {@code rows} rows of one multi-env VecEnv (an
 * external simulator's block of envs): one policy call over every row per control step, one step
 * of the whole VecEnv with the mean actions, and the hooks of row e called with a one-row copy of
 * row e's buffers, so what a caller records reads as from a single-env VecEnv.
 */
final class BatchEnvStepper {

    private final VecEnv env;
    private final int rows;
    private final PolicyInference policy;
    private final int[] ids;
    private final float[] actions;
    private final StepBuffers row;

    /** Row e of {@code env} is evaluated env e for {@code e < rows}; later rows are stepped and not recorded. */
    BatchEnvStepper(VecEnv env, int rows, VecEnvSpec spec, PolicyInference policy) {
        if (rows > env.numEnvs()) {
            throw new IllegalArgumentException(rows + " eval envs, the VecEnv has " + env.numEnvs());
        }
        this.env = env;
        this.rows = rows;
        this.policy = policy;
        this.ids = new int[env.numEnvs()];
        java.util.Arrays.setAll(ids, i -> i);
        this.actions = new float[env.numEnvs() * spec.actionDim()];
        this.row = StepBuffers.of(spec, 1);
    }

    /** Control step {@code t} of every row. */
    void step(int t, SingleEnvStepper.Hooks hooks) {
        StepBuffers b = env.buffers();
        ActResult r = policy.act(t, ids, b.policyObs, b.criticObs);
        for (int e = 0; e < rows; e++) {
            copyRow(b, e);
            hooks.beforeStep(e, row);
        }
        System.arraycopy(r.means(), 0, actions, 0, actions.length);
        env.step(actions);
        for (int e = 0; e < rows; e++) {
            copyRow(b, e);
            hooks.afterStep(e, row);
        }
    }

    private void copyRow(StepBuffers b, int e) {
        copy(b.policyObs, row.policyObs, e);
        copy(b.criticObs, row.criticObs, e);
        copy(b.ampObs, row.ampObs, e);
        copy(b.terminalAmpObs, row.terminalAmpObs, e);
        copy(b.terminalCriticObs, row.terminalCriticObs, e);
        copy(b.rewardTerms, row.rewardTerms, e);
        row.rewards[0] = b.rewards[e];
        row.terminated[0] = b.terminated[e];
        row.timedOut[0] = b.timedOut[e];
        row.nanTerminated[0] = b.nanTerminated[e];
        row.episodeIds[0] = b.episodeIds[e];
        row.episodeSteps[0] = b.episodeSteps[e];
    }

    private static void copy(float[] from, float[] to, int e) {
        System.arraycopy(from, e * to.length, to, 0, to.length);
    }
}
