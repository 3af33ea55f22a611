package dev.ampj.learner.algo;

import ai.djl.ndarray.NDArray;
import dev.ampj.learner.config.DiscriminatorLossType;

/**
 * Discriminator objectives on expert logits (label "real") and policy logits (label "fake"):
 * BCE-with-logits {@code 0.5 (softplus(-d_E) + softplus(d_P))}, least squares with targets +1/-1
 * {@code 0.5 (E(d_E - 1)^2 + E(d_P + 1)^2)} (AMP paper), WGAN {@code E d_P - E d_E}.
 */
public final class DiscriminatorLoss {

    private DiscriminatorLoss() {}

    public static NDArray of(DiscriminatorLossType type, NDArray expertLogits, NDArray policyLogits) {
        return switch (type) {
            case BCE -> softplus(expertLogits.neg()).mean().add(softplus(policyLogits).mean()).mul(0.5f);
            case LSGAN -> expertLogits.sub(1f).square().mean().add(policyLogits.add(1f).square().mean()).mul(0.5f);
            case WGAN -> policyLogits.mean().sub(expertLogits.mean());
        };
    }

    /** log(1 + exp(x)) = max(x, 0) + log(1 + exp(-|x|)), stable for large |x|. */
    public static NDArray softplus(NDArray x) {
        return x.maximum(0f).add(x.abs().neg().exp().add(1f).log());
    }

    /** E||g||^2 over rows: the gradient penalty on expert pairs (rl_games disc_grad_penalty term). */
    public static NDArray gradientPenalty(NDArray inputGradient) {
        return inputGradient.square().sum(new int[] {1}).mean();
    }
}
