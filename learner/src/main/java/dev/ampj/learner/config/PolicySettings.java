package dev.ampj.learner.config;

import java.util.Set;

/**
 * Gaussian actor and critic networks (rsl_rl ActorCritic).
 *
 * @param noiseStdLog true: the log of the std is the parameter; false: the std itself (rsl_rl "scalar")
 */
public record PolicySettings(
        int[] actorHiddenDims,
        int[] criticHiddenDims,
        Activation activation,
        double initNoiseStd,
        boolean noiseStdLog,
        boolean learnStd,
        double minStd,
        boolean obsNormalization) {

    static final Set<String> KEYS = Set.of("actor-hidden-dims", "critic-hidden-dims", "activation", "init-noise-std",
            "noise-std-type", "learn-std", "min-std", "obs-normalization");

    static PolicySettings read(StrictConfig c) {
        return new PolicySettings(
                c.positiveInts("actor-hidden-dims"),
                c.positiveInts("critic-hidden-dims"),
                Activation.parse(c.oneOf("activation", "elu", "relu", "tanh")),
                c.positive("init-noise-std"),
                c.oneOf("noise-std-type", "scalar", "log").equals("log"),
                c.bool("learn-std"),
                c.nonNegative("min-std"),
                c.bool("obs-normalization"));
    }

    public PolicySettings withHidden(int[] actor, int[] critic) {
        return new PolicySettings(actor, critic, activation, initNoiseStd, noiseStdLog, learnStd, minStd, obsNormalization);
    }
}
