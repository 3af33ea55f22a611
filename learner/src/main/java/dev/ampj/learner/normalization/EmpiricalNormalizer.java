package dev.ampj.learner.normalization;

import java.util.Arrays;

/**
 * rsl_rl's EmpiricalNormalization: running mean and (biased) variance of observation columns,
 * merged batch by batch, applied as {@code (x - mean) / (std + eps)}. Statistics are kept in double;
 * normalisation runs in float32 from {@link #mean32()} / {@link #denom32()} so that the learner and
 * every shard (which receive those two arrays) compute identical inputs. The count is state.
 */
public final class EmpiricalNormalizer {

    private final int dim;
    private final double eps;
    private final boolean enabled;
    private final double[] mean;
    private final double[] var;
    private long count;

    public EmpiricalNormalizer(int dim, double eps, boolean enabled) {
        this.dim = dim;
        this.eps = eps;
        this.enabled = enabled;
        this.mean = new double[dim];
        this.var = new double[dim];
        Arrays.fill(var, 1.0);
    }

    /** Merges {@code rows} rows of {@code x} (row-major, {@code dim} wide) into the statistics. */
    public void update(float[] x, int rows) {
        if (!enabled || rows == 0) {
            return;
        }
        double[] bMean = new double[dim];
        double[] bVar = new double[dim];
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            for (int j = 0; j < dim; j++) {
                bMean[j] += x[o + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            bMean[j] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            for (int j = 0; j < dim; j++) {
                double d = x[o + j] - bMean[j];
                bVar[j] += d * d;
            }
        }
        count += rows;
        double rate = (double) rows / count;
        for (int j = 0; j < dim; j++) {
            bVar[j] /= rows;
            double delta = bMean[j] - mean[j];
            mean[j] += rate * delta;
            var[j] += rate * (bVar[j] - var[j] + delta * (bMean[j] - mean[j]));
        }
    }

    /** Mean as float32 (zeros when disabled). */
    public float[] mean32() {
        float[] out = new float[dim];
        if (enabled) {
            for (int j = 0; j < dim; j++) {
                out[j] = (float) mean[j];
            }
        }
        return out;
    }

    /** {@code std + eps} as float32 (ones when disabled, so normalisation is the identity). */
    public float[] denom32() {
        float[] out = new float[dim];
        for (int j = 0; j < dim; j++) {
            out[j] = enabled ? (float) (Math.sqrt(var[j]) + eps) : 1f;
        }
        return out;
    }

    /** {@code out[r, j] = (x[r, j] - mean[j]) / denom[j]} in float32. */
    public static void normalize(float[] x, int rows, float[] mean, float[] denom, float[] out) {
        int dim = mean.length;
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            for (int j = 0; j < dim; j++) {
                out[o + j] = (x[o + j] - mean[j]) / denom[j];
            }
        }
    }

    public int dim() {
        return dim;
    }

    public long count() {
        return count;
    }

    public double[] meanState() {
        return mean.clone();
    }

    public double[] varState() {
        return var.clone();
    }

    /** Restores checkpointed statistics. */
    public void restore(long count, double[] mean, double[] var) {
        if (mean.length != dim || var.length != dim || count < 0) {
            throw new IllegalArgumentException("normaliser state: expected dim " + dim + ", got mean "
                    + mean.length + " var " + var.length + " count " + count);
        }
        this.count = count;
        System.arraycopy(mean, 0, this.mean, 0, dim);
        System.arraycopy(var, 0, this.var, 0, dim);
    }
}
