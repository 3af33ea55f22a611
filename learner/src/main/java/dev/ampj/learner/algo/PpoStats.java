package dev.ampj.learner.algo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Diagnostics of one PPO update (means over its mini-batches unless stated). */
public record PpoStats(
        long iteration,
        double surrogateLoss,
        double valueLoss,
        double entropy,
        double meanKl,
        double clipFraction,
        double mirrorLoss,
        double gradNorm,
        double learningRate,
        double explainedVariance,
        double meanReturn,
        double actionStd) {

    /** Stable key order, for logs and events. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ppo_iteration", (double) iteration);
        m.put("surrogate_loss", surrogateLoss);
        m.put("value_loss", valueLoss);
        m.put("entropy", entropy);
        m.put("kl", meanKl);
        m.put("clip_fraction", clipFraction);
        m.put("mirror_loss", mirrorLoss);
        m.put("grad_norm", gradNorm);
        m.put("learning_rate", learningRate);
        m.put("explained_variance", explainedVariance);
        m.put("mean_return", meanReturn);
        m.put("action_std", actionStd);
        return m;
    }
}
