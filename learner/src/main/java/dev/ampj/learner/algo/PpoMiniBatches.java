package dev.ampj.learner.algo;

import dev.ampj.common.CounterRandom;
import dev.ampj.common.RandomStream;
import dev.ampj.learner.LearnerDims;

/**
 * rsl_rl's mini-batch generator for one PPO update: each epoch shuffles the rollout's samples by the
 * stream (seed, "ppo-minibatch", iteration, epoch) and cuts the permutation into equal mini-batches
 * (a remainder of fewer than {@code numMiniBatches} samples is left out, as rsl_rl does). With data
 * augmentation a mini-batch's rows {@code batch..2*batch-1} are the mirrored copies of its rows
 * {@code 0..batch-1} (rsl_rl's symmetry augmentation: mirrored observations and actions, the same
 * log-probs, advantages, returns and values).
 *
 * <p>The row buffers are reused from one mini-batch to the next: read them before the next
 * {@link #fill}.
 */
final class PpoMiniBatches {

    /** The current mini-batch: {@code rows} rows of each column ({@code 2 * batch} with augmentation). */
    final int batch;
    final int rows;
    final float[] obs;
    final float[] criticObs;
    final float[] actions;
    final float[] oldLogProbs;
    final float[] advantages;
    final float[] returns;
    final float[] values;
    /** The rollout policy's action means of the original (unmirrored) rows, [batch][actions]. */
    final float[] oldMeans;

    private final LearnerDims dims;
    private final long seed;
    private final long iteration;
    private final int samples;
    private final Columns source;
    private final Mirror actionMirror;

    /** The update's per-sample columns: normalised observations (and their mirrors), rollout data, GAE results. */
    record Columns(float[] obs, float[] criticObs, float[] obsMirrored, float[] criticMirrored, float[] actions,
            float[] logProbs, float[] advantages, float[] returns, float[] values, float[] oldMeans) {}

    /** {@code actionMirror} non-null = augment each mini-batch with its mirrored copy (then the mirrored columns are needed). */
    PpoMiniBatches(LearnerDims dims, long seed, long iteration, int samples, int numMiniBatches, Columns source,
            Mirror actionMirror) {
        this.dims = dims;
        this.seed = seed;
        this.iteration = iteration;
        this.samples = samples;
        this.source = source;
        this.actionMirror = actionMirror;
        this.batch = Math.max(1, samples / numMiniBatches);
        this.rows = actionMirror != null ? 2 * batch : batch;
        this.obs = new float[rows * dims.policyObs()];
        this.criticObs = new float[rows * dims.criticObs()];
        this.actions = new float[rows * dims.actions()];
        this.oldLogProbs = new float[rows];
        this.advantages = new float[rows];
        this.returns = new float[rows];
        this.values = new float[rows];
        this.oldMeans = new float[batch * dims.actions()];
    }

    /** The sample order of {@code epoch}. */
    int[] permutation(int epoch) {
        return new RandomStream(CounterRandom.key(seed, "ppo-minibatch", iteration, epoch), 0).permutation(samples);
    }

    /** Fills the row buffers with mini-batch {@code mb} of the epoch whose order is {@code perm}. */
    void fill(int[] perm, int mb) {
        int dp = dims.policyObs();
        int dc = dims.criticObs();
        int da = dims.actions();
        for (int k = 0; k < batch; k++) {
            int i = perm[mb * batch + k];
            System.arraycopy(source.obs(), i * dp, obs, k * dp, dp);
            System.arraycopy(source.criticObs(), i * dc, criticObs, k * dc, dc);
            System.arraycopy(source.actions(), i * da, actions, k * da, da);
            System.arraycopy(source.oldMeans(), i * da, oldMeans, k * da, da);
            oldLogProbs[k] = source.logProbs()[i];
            advantages[k] = source.advantages()[i];
            returns[k] = source.returns()[i];
            values[k] = source.values()[i];
            if (actionMirror != null) {
                int m = batch + k;
                System.arraycopy(source.obsMirrored(), i * dp, obs, m * dp, dp);
                System.arraycopy(source.criticMirrored(), i * dc, criticObs, m * dc, dc);
                actionMirror.apply(source.actions(), i * da, actions, m * da);
                oldLogProbs[m] = oldLogProbs[k];
                advantages[m] = advantages[k];
                returns[m] = returns[k];
                values[m] = values[k];
            }
        }
    }

    /** The mirrored policy observations of mini-batch {@code mb}'s samples, [batch][policyObs] (mirror loss without augmentation). */
    float[] mirroredObs(int[] perm, int mb) {
        int dp = dims.policyObs();
        float[] out = new float[batch * dp];
        for (int k = 0; k < batch; k++) {
            System.arraycopy(source.obsMirrored(), perm[mb * batch + k] * dp, out, k * dp, dp);
        }
        return out;
    }
}
