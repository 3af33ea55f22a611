package dev.ampj.sim.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A flailing chain high in the air (no contact) against the conservation laws. In free flight the
 * joint torques are internal, so the total momentum changes only by gravity (ΔP = −M g t ẑ), the
 * centre of mass follows the parabola of its initial velocity, and the angular momentum about the
 * centre of mass is constant (gravity has no torque about it). The continuous equations conserve
 * these exactly; semi-implicit Euler in generalized coordinates does not (M(q) and the bias forces
 * are frozen at the start of a step), but its local error is O(h²), so the deviation over a fixed
 * time is C h + O(h²): halving h must halve it. That is the test's criterion, because any wrong
 * term of M or of the bias forces leaves an O(1) deviation that does not shrink with h. The
 * absolute figures at h = 0.005 over 1 s are ~1% of the momentum and ~2% of the angular momentum
 * with the forcing below.
 */
class FreeFlightTest {

    static final double H = 0.005;
    static final double SECONDS = 1.0;
    static final double[] Q0 = {0.3, 50, 0.4, 0.3, -0.5, 0.2, 0.7, -0.3};
    static final double[] QD0 = {1.2, 2.0, 1.5, -2, 3, 1, -1.5, 2.5};
    static final double[] AMP = {3, 1.5, 2.5, 1, 0.5};
    static final double[] FREQ = {1.3, 2.1, 0.9, 1.7, 2.9};
    /** Index of the deviations {@link #deviations} returns. */
    static final int MOMENTUM = 0;
    static final int COM = 1;
    static final int ANGULAR = 2;
    static final int ENERGY = 3;

    /**
     * Max over [0, T] of |P − P0 + M g t ẑ|, |c − parabola|, |L − L0| and, for the torque-free run,
     * |Ẽ − Ẽ0| where Ẽ = E − ½ h g Pz: in a uniform field semi-implicit Euler loses exactly
     * ½ M g² h² of E per step (v' = v − g h, z' = z + h v'), and Ẽ is what it conserves for that
     * part, so the rest is the internal motion's error.
     */
    static double[] deviations(double h, boolean torques) {
        PlanarChain c = TestChains.tree();
        PlanarStepper s = new PlanarStepper(c, 0.2, 1e-5, 0.001, 1.0);
        System.arraycopy(Q0, 0, s.q(), 0, Q0.length);
        System.arraycopy(QD0, 0, s.qd(), 0, QD0.length);
        s.stateChanged();
        double mt = TestChains.totalMass(c);
        double g = PlanarStepper.GRAVITY;
        double[] w0 = TestChains.wholeBody(c, s);
        double e0 = s.energy() - 0.5 * h * g * w0[1];
        double[] tau = new double[c.bodies() - 1];
        double[] dev = new double[4];
        int steps = (int) Math.round(SECONDS / h);
        for (int n = 0; n < steps; n++) {
            for (int j = 0; j < tau.length; j++) {
                tau[j] = torques ? AMP[j] * Math.sin(2 * Math.PI * FREQ[j] * n * h + j) : 0;
            }
            assertTrue(s.step(h, tau), "step " + n);
            double t = (n + 1) * h;
            double[] w = TestChains.wholeBody(c, s);
            dev[MOMENTUM] = Math.max(dev[MOMENTUM], Math.hypot(w[0] - w0[0], w[1] - (w0[1] - mt * g * t)));
            double cx = w0[2] + w0[0] / mt * t;
            double cz = w0[3] + w0[1] / mt * t - 0.5 * g * t * t;
            dev[COM] = Math.max(dev[COM], Math.hypot(w[2] - cx, w[3] - cz));
            dev[ANGULAR] = Math.max(dev[ANGULAR], Math.abs(w[4] - w0[4]));
            dev[ENERGY] = Math.max(dev[ENERGY], Math.abs(s.energy() - 0.5 * h * g * w[1] - e0));
        }
        return dev;
    }

    private static void assertFirstOrder(double coarse, double fine, String what) {
        double ratio = coarse / fine;
        assertTrue(ratio > 1.8 && ratio < 2.25, what + ": deviation " + coarse + " at h = " + H + ", " + fine
                + " at h/2; ratio " + ratio + " is not first-order integration error");
    }

    @Test
    void momentumCentreOfMassAndAngularMomentumUnderInternalTorques() {
        double[] coarse = deviations(H, true);
        double[] fine = deviations(H / 2, true);
        assertFirstOrder(coarse[MOMENTUM], fine[MOMENTUM], "linear momentum");
        assertFirstOrder(coarse[COM], fine[COM], "centre of mass against the parabola");
        assertFirstOrder(coarse[ANGULAR], fine[ANGULAR], "angular momentum about the centre of mass");
        // and the deviations are small beside the quantities themselves (|P0| ≈ 27 N s, L0 ≈ 1.7 kg m²/s)
        assertTrue(coarse[MOMENTUM] < 0.02 * 27, "momentum deviation " + coarse[MOMENTUM]);
        assertTrue(coarse[ANGULAR] < 0.05 * 1.7, "angular momentum deviation " + coarse[ANGULAR]);
    }

    @Test
    void torqueFreeFlailingKeepsItsEnergy() {
        double[] coarse = deviations(H, false);
        double[] fine = deviations(H / 2, false);
        assertFirstOrder(coarse[ENERGY], fine[ENERGY], "energy");
        assertFirstOrder(coarse[ANGULAR], fine[ANGULAR], "angular momentum about the centre of mass");
        // bounded: a fraction of a percent of the kinetic energy (≈ 32 J) over the second
        assertTrue(coarse[ENERGY] < 0.01 * 32, "energy deviation " + coarse[ENERGY]);
    }

    @Test
    void rawEnergyLossIsTheUniformFieldTermOfTheIntegrator() {
        PlanarChain c = TestChains.box(2, 0.3, 0.2);
        PlanarStepper s = new PlanarStepper(c, 0.2, 1e-5, 0.001, 1.0);
        s.q()[1] = 10;
        s.qd()[0] = 1;
        s.qd()[1] = 3;
        s.qd()[2] = 2;
        s.stateChanged();
        double e0 = s.energy();
        int steps = (int) Math.round(SECONDS / H);
        for (int n = 0; n < steps; n++) {
            assertTrue(s.step(H, new double[0]));
        }
        double g = PlanarStepper.GRAVITY;
        assertEquals(e0 - steps * 0.5 * 2 * g * g * H * H, s.energy(), 1e-9);
    }
}
