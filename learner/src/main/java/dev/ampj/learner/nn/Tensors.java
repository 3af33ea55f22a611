package dev.ampj.learner.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Copies between flat Java arrays and NDArrays in a fixed (row-major) order. */
public final class Tensors {

    private Tensors() {}

    /** A new array of {@code shape} filled from {@code values[offset ...]}, in {@code dtype}. */
    public static NDArray create(NDManager manager, DataType dtype, float[] values, int offset, Shape shape) {
        int n = (int) shape.size();
        if (dtype == DataType.FLOAT32) {
            float[] part = new float[n];
            System.arraycopy(values, offset, part, 0, n);
            return manager.create(part, shape);
        }
        if (dtype == DataType.FLOAT64) {
            double[] part = new double[n];
            for (int i = 0; i < n; i++) {
                part[i] = values[offset + i];
            }
            return manager.create(part, shape);
        }
        throw new IllegalArgumentException("unsupported parameter dtype " + dtype);
    }

    public static int size(List<NDArray> arrays) {
        long n = 0;
        for (NDArray a : arrays) {
            n += a.size();
        }
        return Math.toIntExact(n);
    }

    /** Concatenates the arrays' values (as float32) in list order. */
    public static float[] flatten(List<NDArray> arrays) {
        float[] out = new float[size(arrays)];
        int at = 0;
        for (NDArray a : arrays) {
            float[] v = a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : a.toType(DataType.FLOAT32, false).toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /**
     * {@code x * v}. Use this, {@link #maximum} and {@link #minimum} instead of DJL's {@code Number}
     * overloads ({@code x.mul(0.5f)}) in anything that is differentiated: those put {@code v} in a tensor
     * over a direct ByteBuffer and close it as soon as the op returns, while autograd keeps that tensor
     * for the backward pass (the product's gradient is {@code grad * v}; a maximum's or minimum's mask
     * compares with {@code v}). The buffer is then collectable, and the backward reads freed memory that
     * may already hold something else. Here {@code v} is a 0-d float32 tensor as there (same results),
     * but in memory libtorch owns and reference-counts, so autograd's reference keeps it alive.
     */
    public static NDArray mul(NDArray x, float v) {
        try (NDArray s = scalar(x, v)) {
            return x.mul(s);
        }
    }

    /** {@code max(x, v)} elementwise, safe under autograd (see {@link #mul}). */
    public static NDArray maximum(NDArray x, float v) {
        try (NDArray s = scalar(x, v)) {
            return x.maximum(s);
        }
    }

    /** {@code min(x, v)} elementwise, safe under autograd (see {@link #mul}). */
    public static NDArray minimum(NDArray x, float v) {
        try (NDArray s = scalar(x, v)) {
            return x.minimum(s);
        }
    }

    private static NDArray scalar(NDArray like, float v) {
        return like.getManager().full(new Shape(), v, DataType.FLOAT32);
    }

    /** Overwrites the arrays' values in list order from {@code values} (float32 arrays only). */
    public static void load(List<NDArray> arrays, float[] values) {
        if (values.length != size(arrays)) {
            throw new IllegalArgumentException("expected " + size(arrays) + " values, got " + values.length);
        }
        ai.djl.pytorch.jni.JniUtils.setGradMode(false); // in-place writes into leaves that require grad
        int at = 0;
        for (NDArray a : arrays) {
            int n = (int) a.size();
            ByteBuffer buf = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
            buf.asFloatBuffer().put(values, at, n);
            a.set(buf);
            at += n;
        }
    }
}
