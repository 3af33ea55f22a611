package dev.ampj.learner.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ampj.learner.Fixtures;
import org.junit.jupiter.api.Test;

class StagingBufferTest {

    @Test
    void stagedTensorsHoldTheRowsAndReadBackBitForBit() {
        StagingBuffer staging = new StagingBuffer();
        float[] big = Fixtures.gaussian(3, "big", 6 * 5, 1.0);
        float[] small = Fixtures.gaussian(3, "small", 2 * 5, 1.0);
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            float[] first = new float[big.length];
            try (NDManager call = m.newSubManager()) {
                NDArray x = staging.tensor(call, big, new Shape(6, 5));
                StagingBuffer.read(x.neg().neg(), first); // an op's output, not the staged memory
            }
            assertArrayEquals(big, first);
            // Refilled with fewer rows (the buffer is reused), then with more (it grows): each call sees its own rows.
            float[] second = new float[small.length];
            try (NDManager call = m.newSubManager()) {
                StagingBuffer.read(staging.tensor(call, small, new Shape(2, 5)), second);
            }
            assertArrayEquals(small, second);
            float[] larger = Fixtures.gaussian(3, "larger", 9 * 5, 1.0);
            try (NDManager call = m.newSubManager()) {
                NDArray x = staging.tensor(call, larger, new Shape(9, 5));
                assertArrayEquals(m.create(larger, new Shape(9, 5)).toFloatArray(), x.toFloatArray());
            }
            assertArrayEquals(big, first, "an earlier read is a copy, untouched by later staging");
        }
    }

    @Test
    void misuseIsRefusedWithTheShapes() {
        StagingBuffer staging = new StagingBuffer();
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> staging.tensor(m, new float[3], new Shape(2, 2)));
            assertEquals("staging (2, 2): 3 floats given, 4 needed", e.getMessage());
            NDArray doubles = m.create(new double[] {1, 2});
            e = assertThrows(IllegalArgumentException.class, () -> StagingBuffer.read(doubles, new float[2]));
            assertTrue(e.getMessage().contains("float32 expected"), e.getMessage());
            NDArray floats = m.create(new float[] {1, 2, 3}).toType(DataType.FLOAT32, false);
            e = assertThrows(IllegalArgumentException.class, () -> StagingBuffer.read(floats, new float[2]));
            assertTrue(e.getMessage().contains("destination holds 2 floats"), e.getMessage());
        }
    }
}
