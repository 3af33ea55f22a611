package dev.ampj.learner.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.ampj.learner.config.DiscriminatorLossType;
import dev.ampj.learner.config.DiscriminatorSettings;
import dev.ampj.learner.nn.Discriminator;
import dev.ampj.learner.nn.Tensors;

/**
 * The loss of one discriminator step on a joint batch (R policy rows, then R expert rows, one forward
 * pass): the {@link DiscriminatorLoss} objective + gradient-penalty weight x penalty + logit
 * regularisation + weight decay. The penalty is E||grad D||^2 on the expert rows (BCE, LSGAN), or for
 * WGAN the WGAN-GP term E(||grad D(x^)|| - 1)^2 on interpolates x^ between expert and policy rows (their
 * own forward pass). Gradients come from the explicit input-gradient graph, so one backward suffices.
 */
public final class DiscriminatorObjective {

    /** The total loss and its parts (scalars), and the policy and expert logits ([R] each). */
    public record Terms(NDArray loss, NDArray main, NDArray penalty, NDArray logitLoss, NDArray weightDecay,
            NDArray policyLogits, NDArray expertLogits) {}

    private DiscriminatorObjective() {}

    /**
     * @param joint [2R][2 ampObs]: policy rows then expert rows, normalised
     * @param interpolates [R][2 ampObs] for WGAN, ignored (may be null) otherwise
     */
    public static Terms of(Discriminator net, DiscriminatorSettings s, NDArray joint, NDArray interpolates) {
        long rows = joint.getShape().get(0) / 2;
        NDArray logits;
        NDArray penalty;
        if (s.loss() == DiscriminatorLossType.WGAN) {
            logits = net.logits(joint);
            penalty = DiscriminatorLoss.lipschitzPenalty(net.logitsWithInputGradient(interpolates)[1]);
        } else {
            NDArray[] out = net.logitsWithInputGradient(joint, rows);
            logits = out[0];
            penalty = DiscriminatorLoss.gradientPenalty(out[1]);
        }
        NDArray policyLogits = logits.get(new NDIndex("0:" + rows));
        NDArray expertLogits = logits.get(new NDIndex(rows + ":"));
        NDArray main = DiscriminatorLoss.of(s.loss(), expertLogits, policyLogits);
        NDArray logitLoss = net.outputWeight().square().sum();
        NDArray wd = null;
        for (NDArray w : net.weights()) {
            NDArray t = w.square().sum();
            wd = wd == null ? t : wd.add(t);
        }
        NDArray loss = main.add(Tensors.mul(penalty, (float) s.gradientPenalty()))
                .add(Tensors.mul(logitLoss, (float) s.logitRegularization()))
                .add(Tensors.mul(wd, (float) s.weightDecay()));
        return new Terms(loss, main, penalty, logitLoss, wd, policyLogits, expertLogits);
    }
}
