package dev.ampj.learner.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A reusable direct buffer through which float rows enter libtorch, and a copy out that needs no
 * intermediate array. {@code NDManager.create(float[])} allocates and zeroes a fresh direct buffer
 * per call, released only by a garbage collection, and {@code toFloatArray()} copies through a
 * fresh byte[]: a rollout's thousands of small inference calls per second streamed through new
 * native and heap memory (cache and page-fault cost, no numeric effect).
 *
 * <p>A tensor made here aliases the buffer (torch::from_blob): it must be closed, and must not be
 * recorded by autograd, before the buffer is filled again. Callers hold it inside one no-grad scope.
 * Not thread-safe.
 */
public final class StagingBuffer {

    private ByteBuffer bytes = ByteBuffer.allocateDirect(0);
    private FloatBuffer floats = bytes.asFloatBuffer();

    /** A float32 tensor of {@code shape} holding {@code src[0 .. shape.size())}, aliasing this buffer. */
    public NDArray tensor(NDManager manager, float[] src, Shape shape) {
        int n = Math.toIntExact(shape.size());
        if (src.length < n) {
            throw new IllegalArgumentException("staging " + shape + ": " + src.length + " floats given, " + n + " needed");
        }
        if (bytes.capacity() < 4 * n) {
            bytes = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
            floats = bytes.asFloatBuffer();
        }
        floats.clear();
        floats.put(src, 0, n);
        ByteBuffer view = bytes.duplicate().order(ByteOrder.nativeOrder());
        view.limit(4 * n);
        return manager.create(view, shape, DataType.FLOAT32);
    }

    /** Copies the float32 tensor {@code x} (row-major) into {@code dst[0 .. x.size())}. */
    public static void read(NDArray x, float[] dst) {
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("read: float32 expected, got " + x.getDataType());
        }
        int n = Math.toIntExact(x.size());
        if (dst.length < n) {
            throw new IllegalArgumentException("read " + x.getShape() + ": destination holds " + dst.length + " floats");
        }
        x.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().get(dst, 0, n);
    }
}
