package dev.ampj.learner.algo;

import dev.ampj.common.RandomStream;

/**
 * Builds the discriminator's float32 input rows {@code [norm(s), norm(s')]} (width 2 * ampObs) from raw
 * AMP pairs: scoring batches, the joint policy-then-expert batch of a training step (with the AMP
 * mirror's copies when one is set), and WGAN-GP interpolates.
 */
final class DiscriminatorInputs {

    private final int ampObs;
    private final Mirror mirror;

    DiscriminatorInputs(int ampObs, Mirror mirror) {
        this.ampObs = ampObs;
        this.mirror = mirror;
    }

    /** Rows a training step feeds per class for {@code pairs} raw pairs (doubled with a mirror). */
    int rows(int pairs) {
        return mirror == null ? pairs : 2 * pairs;
    }

    /** Rows [norm(s), norm(s')] of {@code count} raw pairs. */
    float[] pairs(float[] s, float[] sNext, int count, float[] mean, float[] denom) {
        int d = ampObs;
        float[] x = new float[count * 2 * d];
        for (int r = 0; r < count; r++) {
            int in = r * d;
            int out = r * 2 * d;
            for (int j = 0; j < d; j++) {
                // EmpiricalNormalizer.normalize's arithmetic, written straight into the pair row.
                x[out + j] = (s[in + j] - mean[j]) / denom[j];
                x[out + d + j] = (sNext[in + j] - mean[j]) / denom[j];
            }
        }
        return x;
    }

    /** {@link #pairs} of the raw pairs followed by their mirrored copies (when a mirror is set). */
    float[] augmentedPairs(float[] s, float[] sNext, int count, float[] mean, float[] denom) {
        return pairs(augment(s, count), augment(sNext, count), rows(count), mean, denom);
    }

    /** The joint batch of one step: policy rows, then expert rows (one forward pass, so one minibatch-std). */
    static float[] joint(float[] policy, float[] expert) {
        float[] x = java.util.Arrays.copyOf(policy, policy.length + expert.length);
        System.arraycopy(expert, 0, x, policy.length, expert.length);
        return x;
    }

    /**
     * WGAN-GP interpolates {@code a x_E + (1 - a) x_P}, row by row, with one weight {@code a ~ U[0, 1)}
     * per row drawn from {@code alpha} (float32 arithmetic, so the rows are exact functions of the stream).
     */
    static float[] interpolates(float[] expert, float[] policy, int rows, RandomStream alpha) {
        int w = expert.length / rows;
        float[] x = new float[rows * w];
        for (int r = 0; r < rows; r++) {
            float a = alpha.nextFloat();
            for (int j = r * w; j < (r + 1) * w; j++) {
                x[j] = a * expert[j] + (1f - a) * policy[j];
            }
        }
        return x;
    }

    private float[] augment(float[] x, int rows) {
        if (mirror == null) {
            return x;
        }
        int d = ampObs;
        float[] out = java.util.Arrays.copyOf(x, 2 * rows * d);
        for (int r = 0; r < rows; r++) {
            mirror.apply(x, r * d, out, (rows + r) * d);
        }
        return out;
    }
}
