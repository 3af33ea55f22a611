package dev.ampj.learner.config;

import java.util.Set;

/** The AMP discriminator and its own optimiser (amp-rsl-rl / rl_games AMP). */
public record DiscriminatorSettings(
        int[] hiddenDims,
        Activation activation,
        DiscriminatorLossType loss,
        double learningRate,
        AdamSettings adam,
        double maxGradNorm,
        double gradientPenalty,
        double logitRegularization,
        double weightDecay,
        boolean minibatchStd,
        int numLearningEpochs,
        int numMiniBatches,
        int replayBufferSize,
        boolean obsNormalization,
        double obsNormalizationEps,
        int[] ampObsMap) {

    static final Set<String> KEYS = Set.of("hidden-dims", "activation", "loss", "learning-rate", "adam-beta1",
            "adam-beta2", "adam-eps", "max-grad-norm", "gradient-penalty", "logit-regularization", "weight-decay",
            "minibatch-std", "num-learning-epochs", "num-mini-batches", "replay-buffer-size", "obs-normalization",
            "obs-normalization-eps", "amp-obs-map");

    static DiscriminatorSettings read(StrictConfig c) {
        return new DiscriminatorSettings(
                c.positiveInts("hidden-dims"),
                Activation.parse(c.oneOf("activation", "relu", "elu", "tanh")),
                DiscriminatorLossType.valueOf(c.oneOf("loss", "bce", "lsgan", "wgan").toUpperCase(java.util.Locale.ROOT)),
                c.positive("learning-rate"),
                AdamSettings.read(c),
                c.positive("max-grad-norm"),
                c.nonNegative("gradient-penalty"),
                c.nonNegative("logit-regularization"),
                c.nonNegative("weight-decay"),
                c.bool("minibatch-std"),
                c.positiveInt("num-learning-epochs"),
                c.positiveInt("num-mini-batches"),
                c.positiveInt("replay-buffer-size"),
                c.bool("obs-normalization"),
                c.positive("obs-normalization-eps"),
                c.ints("amp-obs-map"));
    }

    public DiscriminatorSettings with(int[] hidden, boolean mbStd, int epochs, int miniBatches) {
        return new DiscriminatorSettings(hidden, activation, loss, learningRate, adam, maxGradNorm, gradientPenalty,
                logitRegularization, weightDecay, mbStd, epochs, miniBatches, replayBufferSize, obsNormalization,
                obsNormalizationEps, ampObsMap);
    }
}
