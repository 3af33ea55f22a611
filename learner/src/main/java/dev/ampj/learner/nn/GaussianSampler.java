package dev.ampj.learner.nn;

import dev.ampj.common.CounterRandom;

/**
 * Samples actions {@code mean + std * eps} with eps from the counter-based stream
 * (seed, "action", env, step), draw j for action j, and their diagonal-Gaussian log-probability.
 * Pure Java and StrictMath: the same on every shard, thread and machine.
 */
public final class GaussianSampler {

    private static final double HALF_LOG_2PI = 0.5 * StrictMath.log(2 * Math.PI);

    private GaussianSampler() {}

    public static long key(long seed, int env, long step) {
        return CounterRandom.key(seed, "action", env, step);
    }

    /** {@code StrictMath.log} of each std: the per-action constants of {@link #sample}'s log-probability. */
    public static double[] logStd(float[] std) {
        double[] out = new double[std.length];
        for (int j = 0; j < std.length; j++) {
            out[j] = StrictMath.log(std[j]);
        }
        return out;
    }

    /** Writes the action of one env into {@code actions[offset ...]} and returns its log-probability. */
    public static float sample(long seed, int env, long step, float[] mean, float[] std, int offset, float[] actions) {
        return sample(seed, env, step, mean, std, logStd(std), offset, actions);
    }

    /** As above with {@code logStd = logStd(std)} computed once for many envs (the same bits). */
    public static float sample(long seed, int env, long step, float[] mean, float[] std, double[] logStd, int offset,
            float[] actions) {
        long key = key(seed, env, step);
        double logProb = 0;
        for (int j = 0; j < std.length; j++) {
            float eps = (float) CounterRandom.gaussian(key, j);
            float a = mean[offset + j] + std[j] * eps;
            actions[offset + j] = a;
            double z = ((double) a - mean[offset + j]) / std[j];
            logProb += -0.5 * z * z - logStd[j] - HALF_LOG_2PI;
        }
        return (float) logProb;
    }
}
