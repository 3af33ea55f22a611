package dev.ampj.sim.ostrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.reduced.PlanarStepper;
import dev.ampj.sim.terms.FrameMath;
import dev.ampj.sim.terms.KinematicFrame;
import org.junit.jupiter.api.Test;

/**
 * The generalized-coordinate engine against ode4j, an independent implementation of the same rigid
 * bodies in maximal coordinates (its own inertia tensors, joint constraint rows, integrator): what
 * they agree on is the physics, so this confirms {@link ReducedOstrich}'s mass matrix, bias forces
 * and contact model.
 */
class CrossEngineTest {

    static final double DT = 0.005;
    static final double FLIGHT = 0.25;
    static final int BODIES = OstrichLayout.BODIES.size();

    static SimSettings settings(String engine, boolean limp) {
        return SimSettings.fromConfig(ConfigFactory.parseString("amp.sim { engine = " + engine + ", planar = true"
                + (limp ? ", pd.kp = [0, 0, 0], pd.kd = [0, 0, 0]" : "") + " }")
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }

    /** Feet 2 m above the ground, torso pitched, every joint and the root moving. */
    static KinematicFrame flying() {
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        OstrichKinematics k = new OstrichKinematics();
        k.standing(OstrichLayout.DEFAULT_JOINT_POS, 2.0, f);
        double[] rates = {0.8, 1.0, -0.5, -0.6, 0.7, 0.4};
        System.arraycopy(rates, 0, f.jointVel, 0, 6);
        f.rootLinVel[0] = 0.8;
        f.rootLinVel[2] = 1.5;
        f.rootAngVel[1] = 1.2;
        FrameMath.axisAngle(0, 1, 0, 0.15, f.rootQuat, 0);
        k.forward(f);
        return f;
    }

    /**
     * Body x, z and pitch (3 per body) after {@value #FLIGHT} s of limp flight at step {@code dt}.
     * The joints must stay inside their limits: the limit springs are stiff enough (ω h ≈ 1 on a
     * foot) that their integration error would swamp what this compares.
     */
    static double[] limpFlight(String engine, double dt) {
        try (OstrichRobot r = OstrichRobot.create(settings(engine, true))) {
            r.writeFrame(flying());
            KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
            int steps = (int) Math.round(FLIGHT / dt);
            for (int s = 0; s < steps; s++) {
                r.step(OstrichLayout.DEFAULT_JOINT_POS, 1, dt);
                r.readFrame(f);
                for (int j = 0; j < 6; j++) {
                    assertTrue(f.jointPos[j] > OstrichGeometry.JOINT_LO[j] && f.jointPos[j] < OstrichGeometry.JOINT_HI[j],
                            engine + " dt " + dt + ": joint " + j + " reached its limit at " + f.jointPos[j]);
                }
                for (int g = 0; g < OstrichRobot.GEOMS; g++) {
                    assertTrue(!r.inContact(g), engine + ": geom " + g + " touched the ground in flight");
                }
            }
            double[] v = new double[3 * BODIES];
            for (int i = 0; i < BODIES; i++) {
                v[3 * i] = f.bodyPos[3 * i];
                v[3 * i + 1] = f.bodyPos[3 * i + 2];
                v[3 * i + 2] = FrameMath.pitch(f.bodyQuat, 4 * i);
            }
            return v;
        }
    }

    /** Reduced minus ode4j, per body x, z, pitch. */
    static double[] difference(double dt) {
        double[] a = limpFlight("reduced", dt);
        double[] b = limpFlight("ode4j", dt);
        double[] d = new double[a.length];
        for (int e = 0; e < a.length; e++) {
            d[e] = e % 3 == 2 ? Math.IEEEremainder(a[e] - b[e], 2 * Math.PI) : a[e] - b[e];
        }
        return d;
    }

    /** Largest position (m) and angle (rad) entry of a difference. */
    static double[] worst(double[] d) {
        double pos = 0;
        double ang = 0;
        for (int i = 0; i < BODIES; i++) {
            pos = Math.max(pos, Math.hypot(d[3 * i], d[3 * i + 1]));
            ang = Math.max(ang, Math.abs(d[3 * i + 2]));
        }
        return new double[] {pos, ang};
    }

    /**
     * Both engines integrate with semi-implicit Euler, but in different coordinates, so at a finite
     * step they differ by O(h) (the light feet, spinning fastest, most); if their equations of
     * motion agree, the difference halves with h and extrapolates (Richardson, 2 D(h/2) − D(h)) to
     * the continuous-time disagreement, which only ODE's ERP/CFM-soft joints leave. A wrong mass
     * matrix or bias force in either engine would leave an O(1) difference instead.
     * Measured: at h = 0.005, 0.9 mm and 0.024 rad (left foot); extrapolated, < 0.1 mm and < 0.5 mrad.
     */
    @Test
    void limpFlightAgreesWithOde4jUpToFirstOrderIntegrationError() {
        double[] d1 = difference(DT);
        double[] d2 = difference(DT / 2);
        double[] d4 = difference(DT / 4);
        double[] w1 = worst(d1);
        double[] w2 = worst(d2);
        double[] w4 = worst(d4);
        String figures = "worst |Δpos|, |Δpitch| at h, h/2, h/4: " + java.util.Arrays.toString(w1) + " "
                + java.util.Arrays.toString(w2) + " " + java.util.Arrays.toString(w4);
        assertTrue(w1[0] < 2e-3 && w1[1] < 0.05, "at the simulation step: " + figures);
        for (int k = 0; k < 2; k++) {
            assertTrue(w1[k] / w2[k] > 1.6 && w1[k] / w2[k] < 2.5, "h → h/2 not first order: " + figures);
            assertTrue(w2[k] / w4[k] > 1.6 && w2[k] / w4[k] < 2.5, "h/2 → h/4 not first order: " + figures);
        }
        double[] limit = new double[d1.length];
        for (int e = 0; e < d1.length; e++) {
            limit[e] = 2 * d4[e] - d2[e];
        }
        double[] w0 = worst(limit);
        assertTrue(w0[0] < 1e-4 && w0[1] < 1e-3, "extrapolated to h → 0: " + java.util.Arrays.toString(w0)
                + "; " + figures);
    }

    /**
     * Standing on both feet under the default PD gains, both engines hold the torso at the same
     * height (within 1 cm; measured 0.6 mm, ODE's soft joints and contacts giving a little more);
     * the PD-held stance sways slowly (period ≈ 2 s, a few mm and ~0.02 rad), the same sway in both,
     * so the torso's x and pitch after 2 s agree too (measured 0.3 mm and 0.4 mrad). The reduced
     * engine's contact solve is exact (Lemke's, no fallback) in every substep.
     */
    @Test
    void standingUnderPdEndsAtTheSameTorsoHeightInBothEngines() {
        double[] height = new double[2];
        double[] x = new double[2];
        double[] pitch = new double[2];
        String[] engines = {"reduced", "ode4j"};
        for (int e = 0; e < 2; e++) {
            try (OstrichRobot r = OstrichRobot.create(settings(engines[e], false))) {
                r.writeFrame(OstrichRobotTest.standing());
                KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
                for (int t = 0; t < 400; t++) {
                    r.step(OstrichLayout.DEFAULT_JOINT_POS, 1, DT);
                    if (r instanceof ReducedOstrich reduced) {
                        PlanarStepper s = reduced.stepper();
                        assertTrue(s.lastSolveExact() && s.lastSolveConverged(), "contact solve at step " + t
                                + ": exact " + s.lastSolveExact() + ", converged " + s.lastSolveConverged());
                    }
                }
                r.readFrame(f);
                height[e] = f.rootPos[2];
                x[e] = f.rootPos[0];
                pitch[e] = FrameMath.pitch(f.rootQuat, 0);
                assertTrue(r.inContact(OstrichGeometry.LEFT_FOOT) && r.inContact(OstrichGeometry.RIGHT_FOOT), engines[e]);
            }
        }
        String figures = "torso height, x, pitch: reduced " + height[0] + ", " + x[0] + ", " + pitch[0] + "; ode4j "
                + height[1] + ", " + x[1] + ", " + pitch[1];
        assertEquals(height[1], height[0], 0.01, figures);
        assertEquals(x[1], x[0], 2e-3, figures);
        assertEquals(pitch[1], pitch[0], 3e-3, figures);
    }
}
