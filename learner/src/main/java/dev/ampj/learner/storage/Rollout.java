package dev.ampj.learner.storage;

import dev.ampj.learner.LearnerDims;

/**
 * One iteration's experience, batch-major: every per-step array is [horizon T][envs N][width], in
 * (step, env id) order. Observations are raw (unnormalised), as the envs produced them.
 *
 * <p>An episode ends at (t, e) when {@code dones} (termination) or {@code timeouts} (truncation) is
 * 1 there. A truncated step is bootstrapped with {@code timeoutValues[t, e]}, the value of the
 * terminal critic observation (the shard computes it with its policy copy, {@code PolicyInference.values});
 * it is ignored where {@code timeouts} is 0. {@code lastValues} [N] are the values of the critic
 * observations after the last step. {@code ampObs} / {@code ampNextObs} are the AMP pair (s, s') of
 * each step, s' being the terminal AMP state at an episode end.
 */
public record Rollout(
        int horizon,
        int numEnvs,
        float[] policyObs,
        float[] criticObs,
        float[] actions,
        float[] logProbs,
        float[] values,
        float[] taskRewards,
        float[] dones,
        float[] timeouts,
        float[] timeoutValues,
        float[] lastValues,
        float[] ampObs,
        float[] ampNextObs) {

    public int steps() {
        return horizon * numEnvs;
    }

    /** Throws an IllegalArgumentException naming the first array with a wrong length or a non-finite value. */
    public void validate(LearnerDims dims) {
        if (horizon <= 0 || numEnvs <= 0) {
            throw new IllegalArgumentException("rollout: empty batch (horizon " + horizon + ", envs " + numEnvs + ")");
        }
        int n = steps();
        finite("rollout.policyObs", policyObs, n, dims.policyObs());
        finite("rollout.criticObs", criticObs, n, dims.criticObs());
        finite("rollout.actions", actions, n, dims.actions());
        finite("rollout.logProbs", logProbs, n, 1);
        finite("rollout.values", values, n, 1);
        finite("rollout.taskRewards", taskRewards, n, 1);
        flags("rollout.dones", dones, n);
        flags("rollout.timeouts", timeouts, n);
        length("rollout.timeoutValues", timeoutValues, n, 1);
        for (int i = 0; i < n; i++) {
            if (timeouts[i] != 0 && !Float.isFinite(timeoutValues[i])) {
                throw nonFinite("rollout.timeoutValues", timeoutValues, i, 1);
            }
        }
        finite("rollout.lastValues", lastValues, numEnvs, 1);
        finite("rollout.ampObs", ampObs, n, dims.ampObs());
        finite("rollout.ampNextObs", ampNextObs, n, dims.ampObs());
    }

    private void finite(String name, float[] x, int rows, int width) {
        length(name, x, rows, width);
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw nonFinite(name, x, i, width);
            }
        }
    }

    private void flags(String name, float[] x, int rows) {
        length(name, x, rows, 1);
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0f && x[i] != 1f) {
                throw new IllegalArgumentException(name + where(i, 1) + " = " + x[i] + ": expected 0 or 1");
            }
        }
    }

    private IllegalArgumentException nonFinite(String name, float[] x, int i, int width) {
        return new IllegalArgumentException(name + where(i, width) + " is " + x[i] + ": expected a finite value");
    }

    private String where(int i, int width) {
        int row = i / width;
        String at = "[t=" + row / numEnvs + ", env=" + row % numEnvs;
        return width == 1 ? at + "]" : at + ", col=" + i % width + "]";
    }

    private void length(String name, float[] x, int rows, int width) {
        long want = (long) rows * width;
        if (x == null || x.length != want) {
            throw new IllegalArgumentException(name + ": expected " + rows + " x " + width + " = " + want
                    + " floats, got " + (x == null ? "null" : x.length));
        }
    }
}
