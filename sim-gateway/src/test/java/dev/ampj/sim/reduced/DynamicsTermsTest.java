package dev.ampj.sim.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.common.CounterRandom;
import org.junit.jupiter.api.Test;

/**
 * The terms of M(q) q̈ = τ + g(q) − c(q, q̇) against definitions that do not share the engine's code
 * path: kinetic energy from the bodies' velocities, the velocities themselves from finite differences
 * of the body positions, and the bias forces from Lagrange's equations by finite differences of
 * the kinetic and potential energy. Random states of the branching {@link TestChains#tree()}.
 */
class DynamicsTermsTest {

    static final int STATES = 50;
    static final long KEY = CounterRandom.key(7, "reduced-dynamics-terms");

    private final PlanarChain chain = TestChains.tree();
    private final PlanarStepper s = new PlanarStepper(chain, 0.2, 1e-5, 0.001, 1.0);
    private final int n = chain.dofs();

    /** Random state {@code index}: base anywhere in a metre, any pitch and joint angle, rates up to 4/s. */
    private void randomState(int index) {
        long c = (long) index * 2 * n;
        for (int a = 0; a < n; a++) {
            double u = 2 * CounterRandom.uniform(KEY, c + a) - 1;
            s.q()[a] = a < 2 ? u : Math.PI * u;
            s.qd()[a] = 4 * (2 * CounterRandom.uniform(KEY, c + n + a) - 1);
        }
        s.stateChanged();
    }

    private double bodyKinetic() {
        double t = 0;
        for (int i = 0; i < chain.bodies(); i++) {
            t += 0.5 * chain.mass(i) * (s.bodyVx(i) * s.bodyVx(i) + s.bodyVz(i) * s.bodyVz(i))
                    + 0.5 * chain.inertia(i) * s.bodyW(i) * s.bodyW(i);
        }
        return t;
    }

    private static double quadratic(double[] m, double[] x, int n) {
        double v = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                v += x[a] * m[a * n + b] * x[b];
            }
        }
        return v;
    }

    @Test
    void massMatrixKineticEnergyEqualsTheBodiesKineticEnergy() {
        for (int k = 0; k < STATES; k++) {
            randomState(k);
            double[] m = s.massMatrix();
            double generalized = 0.5 * quadratic(m, s.qd(), n);
            double bodies = bodyKinetic();
            assertEquals(bodies, generalized, 1e-9 * bodies, "state " + k);
        }
    }

    @Test
    void massMatrixIsSymmetricPositiveDefiniteAndIndependentOfThePlacement() {
        for (int k = 0; k < STATES; k++) {
            randomState(k);
            double[] m = s.massMatrix();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < a; b++) {
                    assertEquals(m[a * n + b], m[b * n + a], 0.0, "state " + k + " M[" + a + "][" + b + "]");
                }
            }
            assertTrue(DenseCholesky.factor(m.clone(), n), "state " + k + ": M not positive definite");
            // a translation of the whole chain changes nothing in M (x and z are cyclic coordinates)
            s.q()[0] += 3.7;
            s.q()[1] -= 1.9;
            double[] moved = s.massMatrix();
            for (int e = 0; e < n * n; e++) {
                assertEquals(m[e], moved[e], 1e-12 * (1 + Math.abs(m[e])), "state " + k + " entry " + e);
            }
        }
    }

    @Test
    void bodyVelocitiesAreTheTimeDerivativesOfTheBodyPoses() {
        double eps = 1e-6;
        int b = chain.bodies();
        for (int k = 0; k < STATES; k++) {
            randomState(k);
            double[] q = s.q().clone();
            double[] qd = s.qd().clone();
            double[] v = new double[3 * b];
            for (int i = 0; i < b; i++) {
                v[3 * i] = s.bodyVx(i);
                v[3 * i + 1] = s.bodyVz(i);
                v[3 * i + 2] = s.bodyW(i);
            }
            double[][] p = new double[2][3 * b];
            for (int side = 0; side < 2; side++) {
                double sign = side == 0 ? 1 : -1;
                for (int a = 0; a < n; a++) {
                    s.q()[a] = q[a] + sign * eps * qd[a];
                }
                s.stateChanged();
                for (int i = 0; i < b; i++) {
                    p[side][3 * i] = s.bodyX(i);
                    p[side][3 * i + 1] = s.bodyZ(i);
                    p[side][3 * i + 2] = StrictMath.atan2(s.bodySin(i), s.bodyCos(i));
                }
            }
            System.arraycopy(q, 0, s.q(), 0, n);
            s.stateChanged();
            for (int e = 0; e < 3 * b; e++) {
                double d = p[0][e] - p[1][e];
                if (e % 3 == 2) {
                    d = Math.IEEEremainder(d, 2 * Math.PI);
                }
                // central difference: truncation ~ ε² |q̇|³ ≈ 1e-10, rounding ~ 1e-16 / ε ≈ 1e-10
                assertEquals(v[e], d / (2 * eps), 1e-7, "state " + k + " body " + e / 3 + " component " + e % 3);
            }
        }
    }

    /**
     * Lagrange: with L = T − V and T = ½ q̇ᵀ M(q) q̇, the generalized force at zero torque is
     * g − c = −∂V/∂q + ∂T/∂q − Ṁ q̇. Each term by central differences (ε = 1e-6: truncation ~1e-12,
     * rounding ~1e-10 of the force scale), so 1e-6 of the largest term is a wide margin.
     */
    @Test
    void biasAndGravityForcesFollowLagrangesEquations() {
        double eps = 1e-6;
        double[] zero = new double[chain.bodies() - 1];
        for (int k = 0; k < STATES; k++) {
            randomState(k);
            double[] q = s.q().clone();
            double[] qd = s.qd().clone();
            double[] f = s.generalizedForces(zero);
            double[] expected = new double[n];
            double scale = 0;
            for (int a = 0; a < n; a++) {
                double dT = (kinetic(q, qd, a, eps) - kinetic(q, qd, a, -eps)) / (2 * eps);
                double dV = (potential(q, a, eps) - potential(q, a, -eps)) / (2 * eps);
                expected[a] = dT - dV;
                scale = Math.max(scale, Math.max(Math.abs(dT), Math.abs(dV)));
            }
            double[] mPlus = massAt(q, qd, eps);
            double[] mMinus = massAt(q, qd, -eps);
            for (int a = 0; a < n; a++) {
                double mdot = 0;
                for (int b = 0; b < n; b++) {
                    mdot += (mPlus[a * n + b] - mMinus[a * n + b]) / (2 * eps) * qd[b];
                }
                expected[a] -= mdot;
                scale = Math.max(scale, Math.abs(mdot));
            }
            set(q, qd);
            for (int a = 0; a < n; a++) {
                assertEquals(expected[a], f[a], 1e-6 * scale, "state " + k + " dof " + a);
            }
        }
    }

    private void set(double[] q, double[] qd) {
        System.arraycopy(q, 0, s.q(), 0, n);
        System.arraycopy(qd, 0, s.qd(), 0, n);
        s.stateChanged();
    }

    /** T at q + δ e_a, velocities q̇. */
    private double kinetic(double[] q, double[] qd, int a, double delta) {
        set(q, qd);
        s.q()[a] += delta;
        s.stateChanged();
        return bodyKinetic();
    }

    /** V at q + δ e_a. */
    private double potential(double[] q, int a, double delta) {
        set(q, new double[n]);
        s.q()[a] += delta;
        s.stateChanged();
        return s.energy();
    }

    /** M at q + δ q̇ (a step along the motion, for Ṁ). */
    private double[] massAt(double[] q, double[] qd, double delta) {
        set(q, qd);
        for (int a = 0; a < n; a++) {
            s.q()[a] += delta * qd[a];
        }
        return s.massMatrix();
    }
}
