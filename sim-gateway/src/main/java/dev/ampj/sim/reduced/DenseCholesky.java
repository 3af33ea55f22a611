package dev.ampj.sim.reduced;

/**
 * Cholesky factorisation L Lᵀ of a small symmetric positive definite matrix (row-major, n × n), and
 * solves with it. Allocation-free; the factor overwrites the lower triangle of the matrix.
 */
final class DenseCholesky {

    private DenseCholesky() {}

    /**
     * Factors {@code a} in place (lower triangle, diagonal holds L's diagonal). Returns false if
     * {@code a} is not positive definite (a pivot ≤ 0 or not finite): a diverged state.
     */
    static boolean factor(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double d = a[rj + j];
            for (int k = 0; k < j; k++) {
                d -= a[rj + k] * a[rj + k];
            }
            if (!(d > 0) || d == Double.POSITIVE_INFINITY) {
                return false;
            }
            double l = Math.sqrt(d);
            a[rj + j] = l;
            double inv = 1 / l;
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                double s = a[ri + j];
                for (int k = 0; k < j; k++) {
                    s -= a[ri + k] * a[rj + k];
                }
                a[ri + j] = s * inv;
            }
        }
        return true;
    }

    /** Solves L Lᵀ x = b for x, in place in {@code b[o..o+n)}. */
    static void solve(double[] l, int n, double[] b, int o) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            double s = b[o + i];
            for (int k = 0; k < i; k++) {
                s -= l[ri + k] * b[o + k];
            }
            b[o + i] = s / l[ri + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[o + i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * b[o + k];
            }
            b[o + i] = s / l[i * n + i];
        }
    }
}
