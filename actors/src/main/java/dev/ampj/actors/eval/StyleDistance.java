package dev.ampj.actors.eval;

/**
 * The style distance of {@code amp eval}: the Fréchet distance between Gaussians fitted to two sets
 * of AMP transition features (s, s′), both standardised per dimension by the reference's mean and
 * std, as the FID of image generation and the motion-generation literature measure distribution
 * gaps. Standardising by the reference makes every AMP dimension count in its own unit of the
 * reference's spread; a dimension the reference holds constant (e.g. sideways gravity of a planar
 * robot) is divided by {@link #MIN_STD} instead of 0.
 *
 * <p>d² = |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½), computed with symmetric eigendecompositions.
 */
public final class StyleDistance {

    /** Floor of a reference std used for standardising (units of the AMP feature). */
    public static final double MIN_STD = 1e-2;

    private final int dim;
    private final double[] mean;
    private final double[] scale;

    /** Standardisation by the statistics of {@code reference} rows ({@code count × dim}). */
    public StyleDistance(float[] reference, int count, int dim) {
        GaussianFit fit = GaussianFit.of(reference, count, dim);
        this.dim = dim;
        this.mean = fit.mean();
        this.scale = new double[dim];
        for (int j = 0; j < dim; j++) {
            scale[j] = Math.max(fit.std(j), MIN_STD);
        }
    }

    /** Fréchet distance between the standardised Gaussians of rows {@code a} and rows {@code b}. */
    public double between(float[] a, int countA, float[] b, int countB) {
        return frechet(GaussianFit.of(standardise(a, countA), countA, dim), GaussianFit.of(standardise(b, countB), countB, dim));
    }

    private float[] standardise(float[] rows, int count) {
        if (rows.length < (long) count * dim) {
            throw new IllegalArgumentException(count + " rows of " + dim + " need " + (long) count * dim + " floats, got " + rows.length);
        }
        float[] out = new float[count * dim];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < dim; j++) {
                out[r * dim + j] = (float) ((rows[r * dim + j] - mean[j]) / scale[j]);
            }
        }
        return out;
    }

    /** The Fréchet distance (squared, as FID reports it) between two Gaussians of the same dimension. */
    static double frechet(GaussianFit p, GaussianFit q) {
        int n = p.dim();
        double meanTerm = 0;
        for (int j = 0; j < n; j++) {
            double d = p.mean()[j] - q.mean()[j];
            meanTerm += d * d;
        }
        double[] rootP = SymmetricEigen.of(p.covariance(), n).applyToPsd(Math::sqrt);
        double[] m = multiply(multiply(rootP, q.covariance(), n), rootP, n);
        symmetrise(m, n);
        double traceRoot = 0;
        for (double lambda : SymmetricEigen.of(m, n).values) {
            traceRoot += Math.sqrt(Math.max(0, lambda));
        }
        double trace = 0;
        for (int j = 0; j < n; j++) {
            trace += p.covariance()[j * n + j] + q.covariance()[j * n + j];
        }
        return Math.max(0, meanTerm + trace - 2 * traceRoot);
    }

    private static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aik * b[k * n + j];
                }
            }
        }
        return c;
    }

    private static void symmetrise(double[] m, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * (m[i * n + j] + m[j * n + i]);
                m[i * n + j] = s;
                m[j * n + i] = s;
            }
        }
    }
}
