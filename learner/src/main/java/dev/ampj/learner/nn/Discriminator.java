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
 * more input column) so that D can see a lack of diversity in a batch.
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

    /** Logits [B] of the pairs x = [s, s'] ([B][2 * ampObs]). */
    public NDArray logits(NDArray x) {
        NDArray out = mlp.forward(withFeature(x));
        return out.reshape(out.getShape().get(0));
    }

    /**
     * Logits [B] and the input gradient of sum(logits) with respect to x ([B][2 * ampObs]) as
     * differentiable ops: the gradient penalty is then an ordinary first-order loss. With the
     * minibatch-std feature f the gradient includes its batch coupling:
     * {@code dSum/dx_b = g_b + (sum_b' dD_b'/df) * (x_b - mu) / (B * C * sigma)}.
     */
    public NDArray[] logitsWithInputGradient(NDArray x) {
        NDArray[] r = mlp.forwardWithInputGradient(withFeature(x));
        NDArray logits = r[0].reshape(r[0].getShape().get(0));
        if (!minibatchStd) {
            return new NDArray[] {logits, r[1]};
        }
        long b = x.getShape().get(0);
        NDArray gx = r[1].get(new NDIndex(":, 0:" + pairDim));
        NDArray dSumDf = r[1].get(new NDIndex(":, " + pairDim)).sum();
        NDArray mu = x.mean(new int[] {0}, true);
        NDArray centred = x.sub(mu);
        NDArray sigma = centred.square().mean(new int[] {0}, true).add(STD_EPS).sqrt();
        NDArray dfdx = centred.div(sigma).div((float) (b * pairDim));
        return new NDArray[] {logits, gx.add(dfdx.mul(dSumDf))};
    }

    private NDArray withFeature(NDArray x) {
        if (x.getShape().get(1) != pairDim) {
            throw new IllegalArgumentException("discriminator input: expected " + pairDim + " columns, got " + x.getShape());
        }
        if (!minibatchStd) {
            return x;
        }
        NDArray f = x.sub(x.mean(new int[] {0}, true)).square().mean(new int[] {0}).add(STD_EPS).sqrt().mean();
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
