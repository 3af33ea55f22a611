package dev.ampj.learner.nn;

import dev.ampj.common.CounterRandom;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.Activation;
import dev.ampj.learner.config.PolicySettings;

/**
 * Shapes of the Gaussian actor and the critic, and the layout of the policy snapshot the shards
 * receive: {@code [actor | std | critic | obsMean | obsDenom | criticObsMean | criticObsDenom]}.
 * Observations are normalised as {@code (x - mean) / denom} in float32 on both sides.
 */
public record PolicyArchitecture(
        LearnerDims dims, int[] actorSizes, int[] criticSizes, Activation activation, boolean noiseStdLog,
        boolean learnStd, double initNoiseStd, double minStd) {

    public static PolicyArchitecture of(PolicySettings s, LearnerDims dims) {
        int[] actor = sizes(dims.policyObs(), s.actorHiddenDims(), dims.actions());
        int[] critic = sizes(dims.criticObs(), s.criticHiddenDims(), 1);
        return new PolicyArchitecture(dims, actor, critic, s.activation(), s.noiseStdLog(), s.learnStd(),
                s.initNoiseStd(), s.minStd());
    }

    static int[] sizes(int in, int[] hidden, int out) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = in;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = out;
        return sizes;
    }

    public int actorParameters() {
        return Mlp.parameterCount(actorSizes);
    }

    public int criticParameters() {
        return Mlp.parameterCount(criticSizes);
    }

    /** Trainable values: actor, std, critic. */
    public int networkParameters() {
        return actorParameters() + dims.actions() + criticParameters();
    }

    /** Network parameters plus the two normalisers' (mean, denom). */
    public int snapshotLength() {
        return networkParameters() + 2 * dims.policyObs() + 2 * dims.criticObs();
    }

    /** Initial network parameters: torch defaults for the MLPs, {@code init_noise_std} for the std. */
    public float[] initialParameters(long seed) {
        float[] p = new float[networkParameters()];
        Mlp.initialise(actorSizes, CounterRandom.key(seed, "init", 0), p, 0);
        int at = actorParameters();
        for (int j = 0; j < dims.actions(); j++) {
            p[at + j] = (float) (noiseStdLog ? Math.log(initNoiseStd) : initNoiseStd);
        }
        Mlp.initialise(criticSizes, CounterRandom.key(seed, "init", 1), p, at + dims.actions());
        return p;
    }
}
