package dev.ampj.sim.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ground contact of a single box against the analytic answers: Coulomb sliding, coming to rest,
 * the surface layer. The contact parameters are the ostrich's (ODE's ERP, CFM and surface layer);
 * CFM makes each contact a damper of 1/CFM N s/m, so a loaded box sinks slowly through the layer
 * at m g CFM / (contacts) and then rests a little deeper than the layer, where the ERP push
 * erp (depth − layer) / h balances the CFM give (CFM/h) λ: depth − layer = CFM λ / erp.
 */
class GroundContactTest {

    static final double H = 0.005;
    static final double G = PlanarStepper.GRAVITY;
    static final double ERP = 0.2;
    static final double CFM = 1e-5;
    static final double LAYER = 0.001;

    private static void assertExactSolve(PlanarStepper s, int step) {
        assertTrue(s.lastSolveExact() && s.lastSolveConverged(), "contact solve at step " + step + ": exact "
                + s.lastSolveExact() + ", converged " + s.lastSolveConverged());
    }

    /**
     * A box sliding at v0 on its face. While it slides, both bottom corners stay on the ground (no
     * ERP push inside the layer), so the normal impulses add up to m g h per step and saturated
     * friction removes μ g h of speed per step; it never tips because μ sz / sx = 0.125 < 1. Then,
     * with K = ⌈v0 / (μ g h)⌉ − 1 sliding steps, the discrete motion is v_k = v0 − k μ g h and
     * d = h Σ_{k=1..K} v_k, which differs from the continuous v0² / (2 μ g) by v0 h / 2 −
     * μ g h² δ(1 − δ) / 2 with δ ∈ (0, 1]: at most v0 h / 2 + μ g h² / 8. The stop time (K + 1) h lies
     * in [v0 / (μ g), v0 / (μ g) + h]. CFM's only trace: in the first steps the box starts sinking at
     * g m CFM / 2 and the normal impulse is short by that momentum, so the speed may be off by up to
     * μ g m CFM (1e-4 m/s here) and the distance by that times the stop time; and the face turns
     * by a few 1e-5 rad (see tipRate) instead of not at all.
     */
    @Test
    void slidingBoxDeceleratesAtMuGAndStopsWhereCoulombSays() {
        double mass = 2;
        double sx = 0.4;
        double sz = 0.1;
        double mu = 0.5;
        double v0 = 1.5;
        double a = mu * G;
        double cfmSpeed = mu * G * mass * CFM;
        // friction's moment loads the front corner more (by μ m g h sz / sx per step), and CFM lets
        // it sink faster by CFM/h times that: the face turns at most at that rate over the width
        double tipRate = CFM * mu * mass * G * sz / (sx * sx);
        PlanarStepper s = new PlanarStepper(TestChains.box(mass, sx, sz), ERP, CFM, LAYER, mu);
        s.q()[1] = sz / 2;
        s.qd()[0] = v0;
        s.stateChanged();

        int k = (int) Math.ceil(v0 / (a * H)) - 1;
        double discrete = 0;
        for (int i = 1; i <= k; i++) {
            discrete += H * (v0 - i * a * H);
        }
        int stopStep = -1;
        double stopX = Double.NaN;
        for (int step = 1; step <= 400; step++) {
            assertTrue(s.step(H, new double[0]));
            assertExactSolve(s, step);
            double v = s.qd()[0];
            if (stopStep < 0) {
                // stuck: friction inside its bound leaves CFM's slip (CFM/h) λt ≤ CFM m μ g
                if (Math.abs(v) <= cfmSpeed) {
                    stopStep = step;
                    stopX = s.q()[0];
                } else {
                    assertEquals(v0 - step * a * H, v, cfmSpeed, "speed at step " + step);
                }
            } else {
                // that slip dies out geometrically within a step or two
                assertEquals(stopX, s.q()[0], 2 * cfmSpeed * H, "moved after stopping, step " + step);
                assertEquals(0, v, cfmSpeed, "speed after stopping, step " + step);
            }
            assertTrue(s.q()[1] >= sz / 2 - LAYER, "sank to " + s.q()[1] + " at step " + step);
            assertTrue(s.q()[1] <= sz / 2 + 1e-9, "lifted off to " + s.q()[1] + " at step " + step);
            assertTrue(Math.abs(s.q()[2]) <= tipRate * step * H, "tipped at step " + step + ": " + s.q()[2]);
            assertTrue(Math.abs(s.qd()[1]) <= G * mass * CFM, "bounced at step " + step + ": " + s.qd()[1]);
        }
        double tStop = stopStep * H;
        assertTrue(tStop >= v0 / a - 1e-12 && tStop <= v0 / a + H + 1e-12,
                "stopped at " + tStop + " s, Coulomb says " + v0 / a);
        assertEquals(k + 1, stopStep);
        assertEquals(discrete, stopX, cfmSpeed * tStop, "distance against the discrete sum");
        assertEquals(v0 * v0 / (2 * a), stopX, v0 * H / 2 + a * H * H / 8 + cfmSpeed * tStop,
                "distance against v0²/(2 μ g)");
    }

    /**
     * Dropped from 3 cm, the box lands at ~0.77 m/s, is pushed out by ERP and rests where the push
     * balances CFM's give under half its weight per corner: depth = layer + CFM (m g h / 2) / erp.
     * No bounce (no restitution), no drift, no turn.
     */
    @Test
    void droppedBoxComesToRestInTheSurfaceLayer() {
        double sz = 0.2;
        double mass = 3;
        PlanarStepper s = new PlanarStepper(TestChains.box(mass, 0.3, sz), ERP, CFM, LAYER, 1.0);
        s.q()[1] = sz / 2 + 0.03;
        s.stateChanged();
        double lowest = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 400; step++) {
            assertTrue(s.step(H, new double[0]));
            assertExactSolve(s, step);
            lowest = Math.min(lowest, s.q()[1]);
        }
        assertEquals(sz / 2 - LAYER - CFM * (mass * G * H / 2) / ERP, s.q()[1], 1e-9, "resting height");
        assertEquals(0, s.q()[0], 1e-9, "lateral drift");
        assertEquals(0, s.q()[2], 1e-9, "turned");
        for (int a = 0; a < 3; a++) {
            assertEquals(0, s.qd()[a], 1e-9, "velocity " + a + " at rest");
        }
        // the landing step penetrates by at most the fall speed times h
        assertTrue(lowest > sz / 2 - Math.sqrt(2 * G * 0.03) * H - 1e-9, "penetrated to " + lowest);
        assertEquals(2, s.contacts(0), "bottom corners in contact");
    }

    /**
     * Dropped on a corner, the box turns onto a face and rests flat; its energy never grows. "Flat"
     * within the surface layer: both bottom corners rest at a depth in [0, layer] with no correcting
     * push, so the face may keep a tilt of up to asin(layer / width); its centre sits between half
     * its height and that minus the layer and CFM's give under the whole weight, CFM m g h / erp;
     * a corner still inside the layer creeps down at CFM's rate, so "at rest" is up to that speed.
     */
    @Test
    void boxDroppedOnACornerSettlesFlatWithoutGainingEnergy() {
        double sx = 0.3;
        double sz = 0.2;
        double mass = 3;
        PlanarStepper s = new PlanarStepper(TestChains.box(mass, sx, sz), ERP, CFM, LAYER, 1.0);
        double pitch = 0.4;
        // lowest corner 2 cm above the ground
        s.q()[1] = 0.5 * (sx * Math.sin(pitch) + sz * Math.cos(pitch)) + 0.02;
        s.q()[2] = pitch;
        s.stateChanged();
        double e0 = s.energy();
        for (int step = 0; step < 400; step++) {
            assertTrue(s.step(H, new double[0]));
            assertExactSolve(s, step);
            // contacts only take energy out (no restitution); ERP's push-out adds at most
            // m g × the penetration beyond the layer, which is under a millimetre here
            assertTrue(s.energy() <= e0 + mass * G * 1e-3, "energy " + s.energy() + " > " + e0 + " at step " + step);
        }
        boolean onBottom = Math.abs(Math.IEEEremainder(s.q()[2], Math.PI)) < 0.5;
        double width = onBottom ? sx : sz;
        double half = onBottom ? sz / 2 : sx / 2;
        double tilt = Math.IEEEremainder(s.q()[2], Math.PI / 2);
        assertTrue(Math.abs(tilt) <= Math.asin(LAYER / width) + 1e-9, "not flat: pitch " + s.q()[2]);
        double give = CFM * mass * G * H / ERP;
        assertTrue(s.q()[1] >= half - LAYER - give - 1e-9 && s.q()[1] <= half + 1e-9, "resting height " + s.q()[1]);
        // settled up to the slow CFM creep of a corner still inside the layer (≤ m g CFM)
        double creep = mass * G * CFM;
        assertEquals(0, s.qd()[0], creep, "sliding at rest");
        assertEquals(0, s.qd()[1], creep, "sinking at rest");
        assertEquals(0, s.qd()[2], 2 * creep / width, "turning at rest");
    }
}
