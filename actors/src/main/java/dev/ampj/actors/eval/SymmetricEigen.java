package dev.ampj.actors.eval;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations, in double.
 * Deterministic (fixed sweep order, no threads) and accurate to machine precision for the
 * covariance matrices of AMP features (a few dozen dimensions), which is all evaluation needs.
 */
final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;

    /** Eigenvalues, in the order of {@link #vectors}' columns. */
    final double[] values;
    /** Row-major n × n; column j is the unit eigenvector of {@code values[j]}. */
    final double[] vectors;
    final int n;

    private SymmetricEigen(double[] values, double[] vectors, int n) {
        this.values = values;
        this.vectors = vectors;
        this.n = n;
    }

    /** Decomposes the symmetric row-major n × n matrix {@code m} (not modified). */
    static SymmetricEigen of(double[] m, int n) {
        double[] a = m.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i * n + j] * a[i * n + j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, n, p, q);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i * n + i];
        }
        return new SymmetricEigen(values, v, n);
    }

    /** One Jacobi rotation zeroing a[p][q] (Golub & Van Loan, Algorithm 8.4.2). */
    private static void rotate(double[] a, double[] v, int n, int p, int q) {
        double apq = a[p * n + q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double akp = a[k * n + p];
            double akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p * n + k];
            double aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    /** f(M) = V diag(f(λ)) Vᵀ with negative eigenvalues (round-off of a PSD matrix) clamped to 0 before f. */
    double[] applyToPsd(java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[n * n];
        for (int k = 0; k < n; k++) {
            double fk = f.applyAsDouble(Math.max(0, values[k]));
            for (int i = 0; i < n; i++) {
                double vik = vectors[i * n + k] * fk;
                for (int j = 0; j < n; j++) {
                    out[i * n + j] += vik * vectors[j * n + k];
                }
            }
        }
        return out;
    }
}
