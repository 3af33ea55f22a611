package dev.ampj.learner.optim;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count is an OpenMP setting of the calling thread, and results depend
 * on it (DESIGN.md §4). Every entry point (update, inference, scoring) applies the configured count
 * on its own thread, so a result never depends on which thread ran it.
 */
public final class TorchThreads {

    private TorchThreads() {}

    public static void apply(int threads) {
        Engine.getEngine("PyTorch");
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }
}
