package dev.ampj.learner.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * First-order backward through libtorch's engine, without DJL's GradientCollector: that class keeps
 * a process-wide "one collector open" flag, which would forbid the discriminator and PPO updates
 * from running on two threads at once. Torch's grad mode is thread-local, so each updating thread
 * switches it on for its forward/backward and off again before touching parameters in place.
 */
public final class Autograd {

    private Autograd() {}

    public static void gradMode(boolean enabled) {
        JniUtils.setGradMode(enabled);
    }

    /** d(loss)/d(leaf) accumulated into every leaf that requires a gradient; the graph is freed. */
    public static void backward(NDArray scalarLoss) {
        try (NDArray seed = scalarLoss.onesLike()) {
            JniUtils.backward((PtNDArray) scalarLoss, (PtNDArray) seed, false, false);
        }
    }

    public static void zeroGradients(List<NDArray> parameters) {
        for (NDArray p : parameters) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }
}
