package dev.ampj.learner.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ampj.common.CounterRandom;
import dev.ampj.learner.config.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron on raw NDArrays: {@code z_i = h_{i-1} W_i + b_i}, {@code h_i = act(z_i)},
 * linear output. Weights are stored {@code [in, out]}; the flat parameter order is W0, b0, W1, b1, ...
 * (row-major), the order of snapshots, digests and checkpoints.
 */
public final class Mlp {

    private final int[] sizes;
    private final Activation activation;
    private final NDArray[] weights;
    private final NDArray[] biases;

    /** {@code sizes} = input, hidden..., output; {@code values} = flat parameters starting at {@code offset}. */
    public Mlp(NDManager manager, DataType dtype, int[] sizes, Activation activation, float[] values, int offset,
            boolean trainable) {
        this.sizes = sizes.clone();
        this.activation = activation;
        int layers = sizes.length - 1;
        this.weights = new NDArray[layers];
        this.biases = new NDArray[layers];
        int at = offset;
        for (int i = 0; i < layers; i++) {
            weights[i] = Tensors.create(manager, dtype, values, at, new Shape(sizes[i], sizes[i + 1]));
            at += sizes[i] * sizes[i + 1];
            biases[i] = Tensors.create(manager, dtype, values, at, new Shape(sizes[i + 1]));
            at += sizes[i + 1];
            if (trainable) {
                weights[i].setRequiresGradient(true);
                biases[i].setRequiresGradient(true);
            }
        }
    }

    public static int parameterCount(int[] sizes) {
        int n = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            n += sizes[i] * sizes[i + 1] + sizes[i + 1];
        }
        return n;
    }

    /**
     * torch.nn.Linear's default initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and
     * biases, drawn from the counter-based stream {@code key} starting at draw {@code counter}.
     */
    public static void initialise(int[] sizes, long key, float[] dst, int offset) {
        int at = offset;
        long draw = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            double bound = 1.0 / Math.sqrt(sizes[i]);
            int n = sizes[i] * sizes[i + 1] + sizes[i + 1];
            for (int k = 0; k < n; k++) {
                dst[at++] = (float) ((2.0 * CounterRandom.uniform(key, draw++) - 1.0) * bound);
            }
        }
    }

    public NDArray forward(NDArray x) {
        NDArray h = x;
        int last = weights.length - 1;
        for (int i = 0; i <= last; i++) {
            NDArray z = affine(h, i);
            h = i == last ? z : Activations.apply(activation, z);
        }
        return h;
    }

    /**
     * {@code h W_i + b_i} as one fused addmm (torch.nn.functional.linear on the [out, in] view of
     * W_i): the bias is added inside the GEMM rather than in a second pass over the [rows, out] result.
     */
    private NDArray affine(NDArray h, int layer) {
        if (sizes[layer + 1] == 1) {
            // One output (critic, discriminator): MKL runs [rows, k] x [k, 1] and its backward
            // d h = d out W^T (a K = 1 GEMM) at < 1 GFLOP/s; a broadcast multiply and a row sum are
            // memory-bound passes instead (g1's discriminator: 16 ms -> ~1 ms per mini-batch).
            return h.mul(weights[layer].reshape(1, sizes[layer])).sum(new int[] {1}, true).add(biases[layer]);
        }
        return ai.djl.nn.core.Linear.linear(h, weights[layer].transpose(), biases[layer]).singletonOrThrow();
    }

    /**
     * The output (one column) and its gradient with respect to the input, written as ordinary
     * differentiable ops (no double backward): {@code g = W_out^T; g = (g * act'(z_i)) W_i^T}.
     * For ReLU the mask {@code act'(z) = [z > 0]} is a constant; for ELU and tanh it is differentiable.
     * A first-order backward of a loss on the returned gradient gives exact second-order terms.
     */
    public NDArray[] forwardWithInputGradient(NDArray x) {
        return forwardWithInputGradient(x, 0);
    }

    /**
     * As {@link #forwardWithInputGradient(NDArray)}, the output for every row but the input gradient
     * ([B - fromRow][in]) only for rows {@code fromRow..B-1}: a joint batch whose penalty covers one
     * part pays the backward chain for that part alone.
     */
    public NDArray[] forwardWithInputGradient(NDArray x, long fromRow) {
        if (sizes[sizes.length - 1] != 1) {
            throw new IllegalStateException("input gradient needs a single output, got " + sizes[sizes.length - 1]);
        }
        long rows = x.getShape().get(0);
        if (fromRow < 0 || fromRow >= rows) {
            throw new IllegalArgumentException("input gradient rows from " + fromRow + " of a batch of " + rows);
        }
        int last = weights.length - 1;
        List<NDArray> pre = new ArrayList<>(last);
        NDArray h = x;
        for (int i = 0; i < last; i++) {
            NDArray z = affine(h, i);
            pre.add(fromRow == 0 ? z : z.get(new NDIndex(fromRow + ":")));
            h = Activations.apply(activation, z);
        }
        NDArray out = affine(h, last);
        // d out / d h_last = W_last^T broadcast over the rows.
        NDArray g = weights[last].transpose().broadcast(new Shape(rows - fromRow, sizes[last]));
        for (int i = last - 1; i >= 0; i--) {
            g = g.mul(Activations.derivative(activation, pre.get(i))).matMul(weights[i].transpose());
        }
        return new NDArray[] {out, g};
    }

    /** Parameters in flat order: W0, b0, W1, b1, ... */
    public List<NDArray> parameters() {
        List<NDArray> out = new ArrayList<>(2 * weights.length);
        for (int i = 0; i < weights.length; i++) {
            out.add(weights[i]);
            out.add(biases[i]);
        }
        return out;
    }

    public NDArray weight(int layer) {
        return weights[layer];
    }

    public int layers() {
        return weights.length;
    }

    public int[] sizes() {
        return sizes.clone();
    }
}
