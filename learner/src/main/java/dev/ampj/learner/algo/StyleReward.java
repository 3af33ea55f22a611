package dev.ampj.learner.algo;

import dev.ampj.learner.config.DiscriminatorLossType;

/**
 * Style reward from a discriminator logit d, times {@code amp_reward_coef}:
 * BCE {@code -log(max(1 - sigmoid(d), 1e-4))}; LSGAN {@code max(0, 1 - 0.25 (d - 1)^2)};
 * WGAN the critic output d itself.
 */
public final class StyleReward {

    private StyleReward() {}

    public static float of(DiscriminatorLossType loss, double coef, float d) {
        double r = switch (loss) {
            case BCE -> -StrictMath.log(Math.max(1.0 - sigmoid(d), 1e-4));
            case LSGAN -> Math.max(0.0, 1.0 - 0.25 * (d - 1.0) * (d - 1.0));
            case WGAN -> d;
        };
        return (float) (coef * r);
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + StrictMath.exp(-x));
    }
}
