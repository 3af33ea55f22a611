package dev.ampj.learner.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ampj.common.CounterRandom;
import dev.ampj.learner.config.Activation;
import java.util.List;

/**
 * The AMP discriminator: an MLP over the pair (s, s') giving one logit, optionally with the
 * minibatch-std feature (the mean over input columns of their std over the batch, appended as one
 * more input column) so that D can see a lack of diversity in a batch. The trainer passes policy
 * and expert pairs as one joint batch, so the feature carries no class label. The feature depends
 * on the data only (no parameters) and is detached: D is differentiated as a function of each row
 * with the feature held constant, as amp-rsl-rl does in its gradient penalty.
 */
public final class Discriminator {

    private static final float STD_EPS = 1e-8f;

    private final int pairDim;
    private final boolean minibatchStd;
    private final Mlp mlp;

    public Discriminator(NDManager manager, DataType dtype, int ampObs, int[] hidden, Activation activation,
            boolean minibatchStd, float[] values, boolean trainable) {
        this.pairDim = 2 * ampObs;
        this.minibatchStd = minibatchStd;
        this.mlp = new Mlp(manager, dtype, sizes(ampObs, hidden, minibatchStd), activation, values, 0, trainable);
    }

    public static int[] sizes(int ampObs, int[] hidden, boolean minibatchStd) {
        return PolicyArchitecture.sizes(2 * ampObs + (minibatchStd ? 1 : 0), hidden, 1);
    }

    public static float[] initialParameters(int ampObs, int[] hidden, boolean minibatchStd, long seed) {
        int[] sizes = sizes(ampObs, hidden, minibatchStd);
        float[] p = new float[Mlp.parameterCount(sizes)];
        Mlp.initialise(sizes, CounterRandom.key(seed, "init", 2), p, 0);
        return p;
    }

    /** Logits [B] of the pairs x = [s, s'] ([B][2 * ampObs]); the minibatch-std feature is over these B rows. */
    public NDArray logits(NDArray x) {
        NDArray out = mlp.forward(withFeature(x));
        return out.reshape(out.getShape().get(0));
    }

    /** {@link #logitsWithInputGradient(NDArray, long)} with the gradient of every row. */
    public NDArray[] logitsWithInputGradient(NDArray x) {
        return logitsWithInputGradient(x, 0);
    }

    /**
     * Logits [B] of the batch x ([B][2 * ampObs]) and, for rows {@code fromRow..B-1}, the input
     * gradient dD(x_b)/dx_b ([B - fromRow][2 * ampObs]) as differentiable ops: a gradient penalty is
     * then an ordinary first-order loss. The minibatch-std feature (over all B rows) is a constant here.
     */
    public NDArray[] logitsWithInputGradient(NDArray x, long fromRow) {
        NDArray[] r = mlp.forwardWithInputGradient(withFeature(x), fromRow);
        NDArray logits = r[0].reshape(r[0].getShape().get(0));
        NDArray g = minibatchStd ? r[1].get(new NDIndex(":, 0:" + pairDim)) : r[1];
        return new NDArray[] {logits, g};
    }

    private NDArray withFeature(NDArray x) {
        if (x.getShape().get(1) != pairDim) {
            throw new IllegalArgumentException("discriminator input: expected " + pairDim + " columns, got " + x.getShape());
        }
        if (!minibatchStd) {
            return x;
        }
        NDArray c = x.stopGradient();
        NDArray f = c.sub(c.mean(new int[] {0}, true)).square().mean(new int[] {0}).add(STD_EPS).sqrt().mean();
        NDArray col = f.broadcast(new Shape(x.getShape().get(0), 1));
        return NDArrays.concat(new ai.djl.ndarray.NDList(x, col), 1);
    }

    public List<NDArray> parameters() {
        return mlp.parameters();
    }

    /** The output layer's weight (logit regularisation). */
    public NDArray outputWeight() {
        return mlp.weight(mlp.layers() - 1);
    }

    /** All weight matrices (weight decay). */
    public List<NDArray> weights() {
        java.util.ArrayList<NDArray> out = new java.util.ArrayList<>();
        for (int i = 0; i < mlp.layers(); i++) {
            out.add(mlp.weight(i));
        }
        return out;
    }
}
