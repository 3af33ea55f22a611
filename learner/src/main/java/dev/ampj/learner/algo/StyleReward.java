package dev.ampj.learner.algo;

import dev.ampj.learner.config.DiscriminatorLossType;

/**
 * Style reward from a discriminator logit d, times {@code amp_reward_coef}:
 * BCE {@code -log(max(1 - sigmoid(d), 1e-4))}; LSGAN {@code max(0, 1 - 0.25 (d - 1)^2)};
 * WGAN {@code exp(tanh(0.3 d))}, amp-rsl-rl's bounded transform of the critic output (eta_wgan = 0.3):
 * in [1/e, e], increasing in d, so an unbounded critic cannot swamp the task reward.
 */
public final class StyleReward {

    /** amp-rsl-rl's eta_wgan. */
    static final double WGAN_ETA = 0.3;

    private StyleReward() {}

    public static float of(DiscriminatorLossType loss, double coef, float d) {
        double r = switch (loss) {
            case BCE -> -StrictMath.log(Math.max(1.0 - sigmoid(d), 1e-4));
            case LSGAN -> Math.max(0.0, 1.0 - 0.25 * (d - 1.0) * (d - 1.0));
            case WGAN -> StrictMath.exp(StrictMath.tanh(WGAN_ETA * d));
        };
        return (float) (coef * r);
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + StrictMath.exp(-x));
    }
}
