package dev.ampj.sim.reduced;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.common.RandomStream;
import org.junit.jupiter.api.Test;

/** The contact LCP: Lemke's algorithm and the Coulomb conditions of what the contact solver returns. */
class ContactSolverTest {

    static final double MU = 1.0;

    /** Count of violated Coulomb conditions (normal complementarity, friction cone, stick/slide) at tolerance {@code tol}. */
    static int coulombViolations(int m, double[] w, double[] u, double[] l, double mu, double tol) {
        int bad = 0;
        for (int c = 0; c < m; c += 2) {
            double vn = u[c];
            double vt = u[c + 1];
            for (int j = 0; j < m; j++) {
                vn += w[c * m + j] * l[j];
                vt += w[(c + 1) * m + j] * l[j];
            }
            double ln = l[c];
            double lt = l[c + 1];
            double scale = tol * (1 + Math.abs(ln));
            if (ln < -scale || vn < -tol || Math.abs(ln * vn) > scale) {
                bad++;
            }
            if (Math.abs(lt) > mu * ln + scale) {
                bad++;
            } else if (Math.abs(lt) < mu * ln - scale) {
                bad += Math.abs(vt) > tol ? 1 : 0; // sticking: no slip
            } else if (ln > scale) {
                bad += lt > 0 ? (vt > tol ? 1 : 0) : (vt < -tol ? 1 : 0); // sliding: friction opposes the slip
            }
        }
        return bad;
    }

    /** A random symmetric positive definite m × m matrix (a Delassus-like B Bᵀ + small diagonal). */
    static double[] spd(RandomStream r, int m) {
        double[] b = new double[m * (m + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = 2 * r.nextDouble() - 1;
        }
        double[] w = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = i == j ? 2e-3 : 0;
                for (int k = 0; k <= m; k++) {
                    s += b[i * (m + 1) + k] * b[j * (m + 1) + k];
                }
                w[i * m + j] = s;
            }
        }
        return w;
    }

    @Test
    void lemkeSolvesPositiveDefiniteLcps() {
        RandomStream r = RandomStream.of(3, "lemke");
        LemkeLcp lemke = new LemkeLcp();
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + trial % 8;
            double[] m = spd(r, n);
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                q[i] = 2 * r.nextDouble() - 1;
            }
            double[] z = new double[n];
            assertTrue(lemke.solve(n, m, q, z, 100), "trial " + trial);
            for (int i = 0; i < n; i++) {
                double w = q[i];
                for (int j = 0; j < n; j++) {
                    w += m[i * n + j] * z[j];
                }
                assertTrue(z[i] >= 0 && w >= -1e-9 && Math.abs(z[i] * w) < 1e-9,
                        "trial " + trial + " row " + i + ": z " + z[i] + " w " + w);
            }
        }
    }

    @Test
    void lemkeReturnsZeroWhenNothingPushes() {
        double[] z = {7, 7};
        assertTrue(new LemkeLcp().solve(2, new double[] {1, 0, 0, 1}, new double[] {0.5, 0}, z, 10));
        assertArrayEquals(new double[] {0, 0}, z);
    }

    @Test
    void oneContactSticksSlidesOrSeparates() {
        ContactSolver solver = new ContactSolver(2);
        double[] w = {2.0, 0.5, 0.5, 1.0};
        double[] l = new double[2];
        // pressed down, no slip: normal impulse only, friction holds it at rest
        solver.solve(2, w, new double[] {-1.0, 0.0}, l, MU);
        assertEquals(4.0 / 7, l[0], 1e-12, "W λ = −u");
        assertEquals(-2.0 / 7, l[1], 1e-12, "friction cancels the slip the normal impulse itself causes");
        // pressed down while sliding fast: friction at the cone, opposing the slip
        solver.solve(2, w, new double[] {-1.0, 5.0}, l, MU);
        assertEquals(-MU * l[0], l[1], 1e-12);
        assertEquals(1.0 / 1.5, l[0], 1e-12, "λn (Wnn − μ Wnt) = −un");
        // moving apart: nothing
        solver.solve(2, w, new double[] {0.3, 5.0}, l, MU);
        assertArrayEquals(new double[] {0, 0}, l, 1e-15);
        assertEquals(0, coulombViolations(2, w, new double[] {0.3, 5.0}, l, MU, 1e-12));
    }

    @Test
    void randomContactProblemsMeetCoulombsConditions() {
        RandomStream r = RandomStream.of(5, "contacts");
        ContactSolver solver = new ContactSolver(8);
        int exact = 0;
        int converged = 0;
        int trials = 400;
        for (int trial = 0; trial < trials; trial++) {
            int m = 2 * (1 + trial % 4);
            double[] w = spd(r, m);
            double[] u = new double[m];
            for (int i = 0; i < m; i++) {
                u[i] = 2 * r.nextDouble() - (i % 2 == 0 ? 1.5 : 1); // mostly pressing
            }
            double[] l = new double[m];
            solver.solve(m, w, u, l, MU);
            exact += solver.exact() ? 1 : 0;
            if (solver.converged()) {
                converged++;
                assertEquals(0, coulombViolations(m, w, u, l, MU, 1e-8), "trial " + trial + " exact " + solver.exact());
            }
        }
        assertTrue(exact > trials * 0.5, "Lemke's solved " + exact + " of " + trials);
        assertTrue(converged > trials * 0.98, "converged " + converged + " of " + trials);
    }

    @Test
    void aRayOfLemkesFallsBackToACoulombSolution() {
        // two contacts moving apart while sliding: the answer is "no impulse", which Lemke's misses
        // on this Stewart-Trinkle LCP (ray termination; recorded from a falling ostrich)
        // rows: normal 1, friction 1, normal 2, friction 2
        double[] w = {
            2.7073503548669247, 1.4945210314993544, 0.0019123703310256522, -0.0011024595040436042,
            1.4945210314993544, 1.5710150956846185, -0.004793190992221279, 5.007501682424116E-4,
            0.0019123703310256522, -0.004793190992221279, 0.7905692894609736, -0.7336269735655138,
            -0.0011024595040436042, 5.007501682424116E-4, -0.7336269735655138, 1.0631706815713553};
        double[] u = {0.4243114861697248, -0.7388282377575157, 0.11190779909291518, -0.9027438583679188};
        ContactSolver solver = new ContactSolver(4);
        double[] l = new double[4];
        solver.solve(4, w, u, l, MU);
        assertFalse(solver.exact());
        assertTrue(solver.converged());
        assertArrayEquals(new double[] {0, 0, 0, 0}, l, 1e-12);
    }
}
