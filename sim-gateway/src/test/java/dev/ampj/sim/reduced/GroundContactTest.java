package dev.ampj.sim.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ground contact of a single box against the analytic answers: Coulomb sliding, coming to rest,
 * the surface layer, and the convergence of the contact solve.
 */
class GroundContactTest {

    static final double H = 0.005;
    static final double G = PlanarStepper.GRAVITY;
    static final double ERP = 0.2;
    static final double LAYER = 0.001;

    /**
     * A box sliding at v0 on its face. While it slides, both bottom corners stay on the ground
     * (depth 0 ≤ layer: no ERP push) so the normal impulses add up to exactly m g h per step and
     * friction, saturated, removes exactly μ g h of speed per step; it never tips because
     * μ sz / sx = 0.125 < 1. Then, with K = ⌈v0 / (μ g h)⌉ − 1 sliding steps, the discrete motion is
     * v_k = v0 − k μ g h and d = h Σ_{k=1..K} v_k, which differs from the continuous v0² / (2 μ g) by
     * v0 h / 2 − μ g h² δ(1 − δ) / 2 with δ ∈ (0, 1]: at most v0 h / 2 + μ g h² / 8. The stop time
     * (K + 1) h lies in [v0 / (μ g), v0 / (μ g) + h].
     */
    @Test
    void slidingBoxDeceleratesAtMuGAndStopsWhereCoulombSays() {
        double mass = 2;
        double sx = 0.4;
        double sz = 0.1;
        double mu = 0.5;
        double v0 = 1.5;
        double a = mu * G;
        PlanarStepper s = new PlanarStepper(TestChains.box(mass, sx, sz), ERP, LAYER, mu);
        s.q()[1] = sz / 2;
        s.qd()[0] = v0;
        s.stateChanged();

        int k = (int) Math.ceil(v0 / (a * H)) - 1;
        double discrete = 0;
        for (int i = 1; i <= k; i++) {
            discrete += H * (v0 - i * a * H);
        }
        double prev = v0;
        int stopStep = -1;
        double stopX = Double.NaN;
        for (int step = 1; step <= 400; step++) {
            assertTrue(s.step(H, new double[0]));
            double v = s.qd()[0];
            if (stopStep < 0) {
                if (Math.abs(v) < 1e-9) {
                    stopStep = step;
                    stopX = s.q()[0];
                } else {
                    assertEquals(-a * H, v - prev, 1e-9, "deceleration at step " + step);
                }
            } else {
                // at rest only the solve's tolerance (1e-10 N s per row, over 2 kg) is left
                assertEquals(stopX, s.q()[0], 1e-9, "moved after stopping, step " + step);
                assertEquals(0, v, 1e-9, "speed after stopping, step " + step);
            }
            prev = v;
            assertTrue(s.q()[1] >= sz / 2 - LAYER - 1e-9, "sank to " + s.q()[1] + " at step " + step);
            assertTrue(s.q()[1] <= sz / 2 + 1e-9, "lifted off to " + s.q()[1] + " at step " + step);
            assertEquals(0, s.q()[2], 1e-9, "tipped at step " + step);
            assertEquals(0, s.qd()[1], 1e-9, "bounced at step " + step);
        }
        double tStop = stopStep * H;
        assertTrue(tStop >= v0 / a - 1e-12 && tStop <= v0 / a + H + 1e-12,
                "stopped at " + tStop + " s, Coulomb says " + v0 / a);
        assertEquals(k + 1, stopStep);
        assertEquals(discrete, stopX, 1e-9, "distance against the discrete sum");
        assertEquals(v0 * v0 / (2 * a), stopX, v0 * H / 2 + a * H * H / 8, "distance against v0²/(2 μ g)");
    }

    /**
     * Dropped from 3 cm, the box lands at ~0.77 m/s, is pushed out by ERP until its penetration is
     * the surface layer (the excess shrinks by 1 − ERP per step, so after 1 s it is ~1e-20 of its
     * start) and rests there: no bounce (no restitution), no drift, no turn.
     */
    @Test
    void droppedBoxComesToRestInTheSurfaceLayer() {
        double sz = 0.2;
        PlanarStepper s = new PlanarStepper(TestChains.box(3, 0.3, sz), ERP, LAYER, 1.0);
        s.q()[1] = sz / 2 + 0.03;
        s.stateChanged();
        double lowest = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 200; step++) {
            assertTrue(s.step(H, new double[0]));
            lowest = Math.min(lowest, s.q()[1]);
        }
        assertEquals(sz / 2 - LAYER, s.q()[1], 1e-9, "resting height");
        assertEquals(0, s.q()[0], 1e-9, "lateral drift");
        assertEquals(0, s.q()[2], 1e-9, "turned");
        for (int a = 0; a < 3; a++) {
            assertEquals(0, s.qd()[a], 1e-9, "velocity " + a + " at rest");
        }
        // the landing step penetrates by at most the fall speed times h
        assertTrue(lowest > sz / 2 - Math.sqrt(2 * G * 0.03) * H - 1e-9, "penetrated to " + lowest);
        assertEquals(2, s.contacts(0), "bottom corners in contact");
        // converged well inside the cap (measured: 20 sweeps to the 1e-10 N s tolerance)
        assertTrue(s.lastSweeps() > 0 && s.lastSweeps() <= PlanarStepper.MAX_SWEEPS / 4,
                "contact solve at rest took " + s.lastSweeps() + " sweeps");
    }

    /**
     * Dropped on a corner, the box turns onto a face and rests flat; its energy never grows. "Flat"
     * within the surface layer: both bottom corners rest at a depth in [0, layer] with no correcting
     * push, so the face may keep a tilt of up to asin(layer / width) and its centre sits between
     * half its height minus the layer and half its height.
     */
    @Test
    void boxDroppedOnACornerSettlesFlatWithoutGainingEnergy() {
        double sx = 0.3;
        double sz = 0.2;
        PlanarStepper s = new PlanarStepper(TestChains.box(3, sx, sz), ERP, LAYER, 1.0);
        double pitch = 0.4;
        // lowest corner 2 cm above the ground
        s.q()[1] = 0.5 * (sx * Math.sin(pitch) + sz * Math.cos(pitch)) + 0.02;
        s.q()[2] = pitch;
        s.stateChanged();
        double e0 = s.energy();
        for (int step = 0; step < 400; step++) {
            assertTrue(s.step(H, new double[0]));
            // contacts only take energy out (no restitution); ERP's push-out adds at most
            // m g × the penetration beyond the layer, which is under a millimetre here
            assertTrue(s.energy() <= e0 + 3 * G * 1e-3, "energy " + s.energy() + " > " + e0 + " at step " + step);
        }
        boolean onBottom = Math.abs(Math.IEEEremainder(s.q()[2], Math.PI)) < 0.5;
        double width = onBottom ? sx : sz;
        double half = onBottom ? sz / 2 : sx / 2;
        double tilt = Math.IEEEremainder(s.q()[2], Math.PI / 2);
        assertTrue(Math.abs(tilt) <= Math.asin(LAYER / width) + 1e-9, "not flat: pitch " + s.q()[2]);
        assertTrue(s.q()[1] >= half - LAYER - 1e-9 && s.q()[1] <= half + 1e-9, "resting height " + s.q()[1]);
        for (int a = 0; a < 3; a++) {
            assertEquals(0, s.qd()[a], 1e-9, "velocity " + a + " at rest");
        }
        assertTrue(s.lastSweeps() > 0 && s.lastSweeps() <= PlanarStepper.MAX_SWEEPS / 4, "sweeps at rest " + s.lastSweeps());
    }
}
