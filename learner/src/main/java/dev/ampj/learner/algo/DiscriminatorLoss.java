package dev.ampj.learner.algo;

import ai.djl.ndarray.NDArray;
import dev.ampj.learner.config.DiscriminatorLossType;
import dev.ampj.learner.nn.Tensors;

/**
 * Discriminator objectives on expert logits (label "real") and policy logits (label "fake"):
 * BCE-with-logits {@code 0.5 (softplus(-d_E) + softplus(d_P))}, least squares with targets +1/-1
 * {@code 0.5 (E(d_E - 1)^2 + E(d_P + 1)^2)} (AMP paper), and the WGAN critic loss
 * {@code E d_P - E d_E + 1e-3 E d_E^2}. The last term is ProGAN's drift penalty (Karras et al. 2018):
 * the critic loss is blind to a constant offset of d, while the bounded WGAN style reward reads d itself.
 */
public final class DiscriminatorLoss {

    /** ProGAN's epsilon_drift: keeps the critic's output near 0 without shaping its differences. */
    static final float WGAN_DRIFT = 1e-3f;
    /** Inside the norm's square root so that its derivative stays finite at a zero gradient (dead ReLUs). */
    static final float NORM_EPS = 1e-12f;

    // Scalars are float: a double scalar would promote a 0-d float32 result to float64.

    private DiscriminatorLoss() {}

    public static NDArray of(DiscriminatorLossType type, NDArray expertLogits, NDArray policyLogits) {
        return switch (type) {
            case BCE -> Tensors.mul(softplus(expertLogits.neg()).mean().add(softplus(policyLogits).mean()), 0.5f);
            case LSGAN -> Tensors.mul(expertLogits.sub(1f).square().mean().add(policyLogits.add(1f).square().mean()), 0.5f);
            case WGAN -> policyLogits.mean().sub(expertLogits.mean()).add(Tensors.mul(expertLogits.square().mean(), WGAN_DRIFT));
        };
    }

    /** log(1 + exp(x)) = max(x, 0) + log(1 + exp(-|x|)), stable for large |x|. */
    public static NDArray softplus(NDArray x) {
        return Tensors.maximum(x, 0f).add(x.abs().neg().exp().add(1f).log());
    }

    /** E||g||^2 over rows: the gradient penalty on expert pairs (rl_games disc_grad_penalty term). */
    public static NDArray gradientPenalty(NDArray inputGradient) {
        return inputGradient.square().sum(new int[] {1}).mean();
    }

    /** E(||g|| - 1)^2 over rows: WGAN-GP's two-sided penalty (Gulrajani et al. 2017), on interpolates. */
    public static NDArray lipschitzPenalty(NDArray inputGradient) {
        return inputGradient.square().sum(new int[] {1}).add(NORM_EPS).sqrt().sub(1f).square().mean();
    }
}
