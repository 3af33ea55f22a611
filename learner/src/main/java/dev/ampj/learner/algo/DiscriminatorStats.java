package dev.ampj.learner.algo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Diagnostics of one discriminator update (means over its steps). Scores are sigmoid(d) for BCE and
 * the raw logit otherwise; accuracy counts expert logits > 0 and policy logits < 0. The gradient
 * penalty is the unweighted term: E||g||^2 on expert pairs, or WGAN-GP's E(||g|| - 1)^2.
 */
public record DiscriminatorStats(
        long iteration,
        double loss,
        double gradientPenalty,
        double logitLoss,
        double weightDecayLoss,
        double expertScore,
        double policyScore,
        double expertAccuracy,
        double policyAccuracy,
        double gradNorm,
        double learningRate,
        int replaySize) {

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("disc_iteration", (double) iteration);
        m.put("disc_loss", loss);
        m.put("disc_grad_penalty", gradientPenalty);
        m.put("disc_logit_loss", logitLoss);
        m.put("disc_weight_decay_loss", weightDecayLoss);
        m.put("disc_expert_score", expertScore);
        m.put("disc_policy_score", policyScore);
        m.put("disc_expert_accuracy", expertAccuracy);
        m.put("disc_policy_accuracy", policyAccuracy);
        m.put("disc_grad_norm", gradNorm);
        m.put("disc_learning_rate", learningRate);
        m.put("amp_replay_size", (double) replaySize);
        return m;
    }
}
