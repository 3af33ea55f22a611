package dev.ampj.learner.algo;

import ai.djl.ndarray.NDArray;
import dev.ampj.learner.config.PpoSettings;
import dev.ampj.learner.nn.Tensors;

/**
 * rsl_rl's PPO loss for one mini-batch: clipped surrogate, (clipped) value loss and entropy bonus
 * of a diagonal Gaussian, {@code loss = surrogate + c_v * value - c_e * entropy}.
 */
public final class PpoLoss {

    private static final float HALF_LOG_2PI = (float) (0.5 * Math.log(2 * Math.PI));

    private PpoLoss() {}

    /** The terms, each a scalar NDArray. */
    public record Terms(NDArray loss, NDArray surrogate, NDArray value, NDArray entropy, NDArray clipFraction) {}

    /** log N(a; mu, std) summed over action columns: [B]. {@code std} is [A]. */
    public static NDArray logProb(NDArray actions, NDArray mean, NDArray std) {
        NDArray z = actions.sub(mean).div(std);
        return Tensors.mul(z.square(), -0.5f).sub(std.log()).sub(HALF_LOG_2PI).sum(new int[] {1});
    }

    /** Entropy of the diagonal Gaussian, summed over actions (a scalar: the std is state-independent). */
    public static NDArray entropy(NDArray std) {
        return std.log().add(0.5f + HALF_LOG_2PI).sum();
    }

    /** Mean KL(old || new) over rows, old/new diagonal Gaussians; {@code oldStd}, {@code std} are [A]. */
    public static NDArray kl(NDArray oldMean, NDArray oldStd, NDArray mean, NDArray std) {
        NDArray ratio = std.div(oldStd).log();
        NDArray quad = oldStd.square().add(oldMean.sub(mean).square()).div(std.square().mul(2f));
        return quad.add(ratio).sub(0.5f).sum(new int[] {1}).mean();
    }

    public static Terms compute(PpoSettings s, NDArray mean, NDArray std, NDArray value, NDArray actions,
            NDArray oldLogProbs, NDArray advantages, NDArray returns, NDArray oldValues) {
        float clip = (float) s.clipParam();
        NDArray logProbs = logProb(actions, mean, std);
        NDArray ratio = logProbs.sub(oldLogProbs).exp();
        NDArray surrogate = advantages.neg().mul(ratio);
        NDArray surrogateClipped = advantages.neg().mul(ratio.clip(1f - clip, 1f + clip));
        NDArray surrogateLoss = surrogate.maximum(surrogateClipped).mean();
        NDArray valueLoss;
        if (s.useClippedValueLoss()) {
            NDArray clipped = oldValues.add(value.sub(oldValues).clip(-clip, clip));
            valueLoss = value.sub(returns).square().maximum(clipped.sub(returns).square()).mean();
        } else {
            valueLoss = returns.sub(value).square().mean();
        }
        NDArray entropy = entropy(std);
        NDArray loss = surrogateLoss.add(Tensors.mul(valueLoss, (float) s.valueLossCoef()))
                .sub(Tensors.mul(entropy, (float) s.entropyCoef()));
        NDArray clipFraction = ratio.sub(1f).abs().gt(clip).toType(ratio.getDataType(), false).mean();
        return new Terms(loss, surrogateLoss, valueLoss, entropy, clipFraction);
    }
}
