package dev.ampj.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The pinned DJL + libtorch stack starts offline (no download) and computes a forward pass. */
class DjlStackTest {

    @Test
    void pytorchEngineStartsOfflineAndRunsALinearForwardPass() {
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("2.7.1", engine.getVersion(), "libtorch version must be the pinned native jar's");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1f, 2f, 3f}, new Shape(1, 3));
            NDArray w = manager.create(new float[] {1f, 0f, 0f, 1f, 1f, -1f}, new Shape(3, 2));
            float[] y = x.matMul(w).toFloatArray();
            assertArrayEquals(new float[] {4f, -1f}, y);
        }
    }
}
