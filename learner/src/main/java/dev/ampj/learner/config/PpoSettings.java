package dev.ampj.learner.config;

import java.util.Set;

/** PPO hyper-parameters (rsl_rl PPO). */
public record PpoSettings(
        int numLearningEpochs,
        int numMiniBatches,
        double clipParam,
        double gamma,
        double lam,
        double valueLossCoef,
        double entropyCoef,
        boolean useClippedValueLoss,
        double learningRate,
        double maxGradNorm,
        boolean adaptiveSchedule,
        double desiredKl,
        double minLearningRate,
        double maxLearningRate,
        AdamSettings adam,
        SymmetrySettings symmetry) {

    static final Set<String> KEYS = Set.of("num-learning-epochs", "num-mini-batches", "clip-param", "gamma", "lam",
            "value-loss-coef", "entropy-coef", "use-clipped-value-loss", "learning-rate", "max-grad-norm", "schedule",
            "desired-kl", "min-learning-rate", "max-learning-rate", "adam-beta1", "adam-beta2", "adam-eps", "symmetry");

    static PpoSettings read(StrictConfig c) {
        PpoSettings s = new PpoSettings(
                c.positiveInt("num-learning-epochs"),
                c.positiveInt("num-mini-batches"),
                c.positive("clip-param"),
                c.unit("gamma"),
                c.unit("lam"),
                c.nonNegative("value-loss-coef"),
                c.nonNegative("entropy-coef"),
                c.bool("use-clipped-value-loss"),
                c.positive("learning-rate"),
                c.positive("max-grad-norm"),
                c.oneOf("schedule", "adaptive", "fixed").equals("adaptive"),
                c.positive("desired-kl"),
                c.positive("min-learning-rate"),
                c.positive("max-learning-rate"),
                AdamSettings.read(c),
                SymmetrySettings.read(c.section("symmetry", SymmetrySettings.KEYS)));
        if (s.minLearningRate > s.maxLearningRate) {
            throw c.bad("min-learning-rate", s.minLearningRate, "<= max-learning-rate (" + s.maxLearningRate + ")");
        }
        return s;
    }

    public PpoSettings withEpochs(int epochs, int miniBatches) {
        return new PpoSettings(epochs, miniBatches, clipParam, gamma, lam, valueLossCoef, entropyCoef,
                useClippedValueLoss, learningRate, maxGradNorm, adaptiveSchedule, desiredKl, minLearningRate,
                maxLearningRate, adam, symmetry);
    }
}
