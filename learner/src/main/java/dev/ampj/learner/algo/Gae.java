package dev.ampj.learner.algo;

/**
 * Generalised advantage estimation (rsl_rl RolloutStorage.compute_returns) over [T][N] arrays.
 * A truncated step adds {@code gamma * V(terminal obs)} to its reward (rsl_rl's timeout
 * bootstrapping); termination or truncation cuts the trace.
 */
public final class Gae {

    private Gae() {}

    /** Returns {advantages, returns} as double[T*N] each. */
    public static double[][] compute(int horizon, int envs, float[] rewards, float[] values, float[] lastValues,
            float[] dones, float[] timeouts, float[] timeoutValues, double gamma, double lam) {
        int n = horizon * envs;
        double[] adv = new double[n];
        double[] ret = new double[n];
        for (int e = 0; e < envs; e++) {
            double nextAdv = 0;
            double nextValue = lastValues[e];
            for (int t = horizon - 1; t >= 0; t--) {
                int i = t * envs + e;
                double r = rewards[i];
                boolean truncated = timeouts[i] != 0;
                if (truncated) {
                    r += gamma * timeoutValues[i];
                }
                double notDone = (dones[i] != 0 || truncated) ? 0.0 : 1.0;
                double delta = r + notDone * gamma * nextValue - values[i];
                nextAdv = delta + notDone * gamma * lam * nextAdv;
                adv[i] = nextAdv;
                ret[i] = nextAdv + values[i];
                nextValue = values[i];
            }
        }
        return new double[][] {adv, ret};
    }

    /** (a - mean) / (std + 1e-8) over the whole rollout, std unbiased (torch.std), as float32. */
    public static float[] normalize(double[] a) {
        double mean = 0;
        for (double x : a) {
            mean += x;
        }
        mean /= a.length;
        double ss = 0;
        for (double x : a) {
            ss += (x - mean) * (x - mean);
        }
        double std = a.length > 1 ? Math.sqrt(ss / (a.length - 1)) : 0.0;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((a[i] - mean) / (std + 1e-8));
        }
        return out;
    }
}
