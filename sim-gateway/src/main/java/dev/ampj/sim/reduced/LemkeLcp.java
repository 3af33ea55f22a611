package dev.ampj.sim.reduced;

/**
 * Lemke's complementary pivoting for a small dense LCP: find z ≥ 0 with w = M z + q ≥ 0 and
 * zᵀw = 0. Tableau form with the covering vector d = 1 and the lexicographic minimum-ratio rule
 * (rows of B⁻¹ break ties), so degenerate problems — contacts at rest are full of zeros — cannot
 * cycle. The tableau grows to the largest problem seen (a robot lying on the ground has the most
 * contacts) and is reused: allocation-free in steady state; deterministic.
 */
final class LemkeLcp {

    /** Tableau rows: [B⁻¹ (n) | B⁻¹(−M) (n) | B⁻¹(−d) (1) | B⁻¹ q (1)]. */
    private double[] t = new double[0];
    /** Basic variable of each row: 0..n−1 = w_i, n..2n−1 = z_i, 2n = z0. */
    private int[] basis = new int[0];
    private int pivots;

    /**
     * Solves the LCP (M row-major n × n) into {@code z[0..n)}. Returns false on ray termination or
     * after {@code maxPivots} pivots (z is then unspecified).
     */
    boolean solve(int n, double[] m, double[] q, double[] z, int maxPivots) {
        if (basis.length < n) {
            t = new double[n * (2 * n + 2)];
            basis = new int[n];
        }
        pivots = 0;
        int cols = 2 * n + 2;
        int rhs = 2 * n + 1;
        int z0 = 2 * n;
        int leave = -1;
        double minQ = 0;
        for (int i = 0; i < n; i++) {
            int r = i * cols;
            for (int j = 0; j < n; j++) {
                t[r + j] = i == j ? 1 : 0;
                t[r + n + j] = -m[i * n + j];
            }
            t[r + z0] = -1;
            t[r + rhs] = q[i];
            basis[i] = i;
            if (q[i] < minQ) {
                minQ = q[i];
                leave = i;
            }
        }
        java.util.Arrays.fill(z, 0, n, 0);
        if (leave < 0) {
            return true;
        }
        // z0 enters at the row of the most negative q, making every right-hand side ≥ 0
        int entering = z0;
        pivot(n, cols, leave, entering);
        int left = basis[leave];
        basis[leave] = entering;
        entering = complement(left, n);
        while (pivots < maxPivots) {
            int row = ratioTest(n, cols, entering);
            if (row < 0) {
                return false;
            }
            pivot(n, cols, row, entering);
            left = basis[row];
            basis[row] = entering;
            if (left == z0) {
                for (int i = 0; i < n; i++) {
                    int v = basis[i];
                    if (v >= n && v < 2 * n) {
                        z[v - n] = Math.max(0, t[i * cols + rhs]);
                    }
                }
                return true;
            }
            entering = complement(left, n);
        }
        return false;
    }

    /** Pivots of the last solve. */
    int pivots() {
        return pivots;
    }

    private static int complement(int variable, int n) {
        return variable < n ? variable + n : variable - n;
    }

    /** The leaving row for column {@code col}: lexicographic minimum of (rhs, B⁻¹ row) / a over a > 0. */
    private int ratioTest(int n, int cols, int col) {
        int rhs = 2 * n + 1;
        int best = -1;
        for (int i = 0; i < n; i++) {
            double a = t[i * cols + col];
            if (a <= 1e-12) {
                continue;
            }
            if (best < 0 || lexLess(i, best, col, n, cols, rhs)) {
                best = i;
            }
        }
        return best;
    }

    private boolean lexLess(int i, int k, int col, int n, int cols, int rhs) {
        double ai = t[i * cols + col];
        double ak = t[k * cols + col];
        double ri = t[i * cols + rhs] / ai;
        double rk = t[k * cols + rhs] / ak;
        if (ri != rk) {
            return ri < rk;
        }
        for (int j = 0; j < n; j++) {
            double bi = t[i * cols + j] / ai;
            double bk = t[k * cols + j] / ak;
            if (bi != bk) {
                return bi < bk;
            }
        }
        return false;
    }

    private void pivot(int n, int cols, int row, int col) {
        pivots++;
        int pr = row * cols;
        double inv = 1 / t[pr + col];
        for (int j = 0; j < cols; j++) {
            t[pr + j] *= inv;
        }
        t[pr + col] = 1;
        for (int i = 0; i < n; i++) {
            if (i == row) {
                continue;
            }
            int r = i * cols;
            double f = t[r + col];
            if (f != 0) {
                for (int j = 0; j < cols; j++) {
                    t[r + j] -= f * t[pr + j];
                }
                t[r + col] = 0;
            }
        }
    }
}
