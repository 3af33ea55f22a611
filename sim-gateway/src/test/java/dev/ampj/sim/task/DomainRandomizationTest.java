package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OdeOstrich;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.ostrich.ReducedOstrich;
import org.junit.jupiter.api.Test;

/** Friction and link mass randomization: per (env, episode) draws in range, and the engines really use them. */
class DomainRandomizationTest {

    @Test
    void frictionIsDrawnPerEnvAndEpisodeWithinTheRange() {
        DomainRandomization off = new DomainRandomization(SimSettings.defaults(), 3);
        assertEquals(OstrichGeometry.FRICTION, off.friction(new long[] {0, 0}));
        DomainRandomization on = new DomainRandomization(
                VecEnvBehaviourTest.with("amp.sim.randomization.friction = [0.4, 1.2]"), 3);
        double a = on.friction(new long[] {0, 0});
        assertEquals(a, on.friction(new long[] {0, 0}), "a pure function of (seed, env, episode)");
        assertNotEquals(a, on.friction(new long[] {1, 0}), "another env");
        assertNotEquals(a, on.friction(new long[] {0, 1}), "another episode");
        for (int e = 0; e < 200; e++) {
            double mu = on.friction(new long[] {e, 7});
            assertTrue(mu >= 0.4 && mu <= 1.2, "in range: " + mu);
        }
    }

    @Test
    void aSlipperyGroundChangesTheRunOnBothEngines() {
        for (String engine : SimSettings.ENGINES) {
            SimSettings normal = VecEnvBehaviourTest.with("amp.sim.engine = " + engine);
            SimSettings ice = VecEnvBehaviourTest.with("amp.sim.engine = " + engine
                    + "\namp.sim.randomization.friction = [0.05, 0.05]");
            try (BatchVecEnv a = VelocityTaskVecEnvs.create(normal, 5, EnvIds.range(0, 2));
                    BatchVecEnv b = VelocityTaskVecEnvs.create(ice, 5, EnvIds.range(0, 2))) {
                assertEquals(((VelocityTaskEnv) a.member(0)).stateHash(), ((VelocityTaskEnv) b.member(0)).stateHash(),
                        engine + ": friction does not change the initial state");
                float[] actions = new float[12];
                for (int t = 0; t < 40; t++) {
                    Scripts.fill(a, actions, t);
                    a.step(actions);
                    b.step(actions);
                }
                assertNotEquals(((VelocityTaskEnv) a.member(0)).stateHash(), ((VelocityTaskEnv) b.member(0)).stateHash(),
                        engine + ": the feet slip on ice");
            }
        }
    }

    @Test
    void massScalesAreDrawnPerEnvEpisodeAndLinkWithinTheRange() {
        double[] a = new double[OstrichRobot.GEOMS];
        new DomainRandomization(SimSettings.defaults(), 3).massScales(new long[] {0, 0}, a);
        for (double f : a) {
            assertEquals(1.0, f, "off: every factor is 1");
        }
        DomainRandomization on = new DomainRandomization(
                VecEnvBehaviourTest.with("amp.sim.randomization.mass-scale = [0.7, 1.4]"), 3);
        on.massScales(new long[] {0, 0}, a);
        double[] b = new double[a.length];
        on.massScales(new long[] {0, 0}, b);
        assertArrayEquals(a, b, "a pure function of (seed, env, episode)");
        on.massScales(new long[] {1, 0}, b);
        assertNotEquals(a[0], b[0], "another env");
        on.massScales(new long[] {0, 1}, b);
        assertNotEquals(a[0], b[0], "another episode");
        assertNotEquals(a[0], a[1], "another link");
        new DomainRandomization(VecEnvBehaviourTest.with("amp.sim.randomization.mass-scale = [0.7, 1.4]"), 4)
                .massScales(new long[] {0, 0}, b);
        assertNotEquals(a[0], b[0], "another seed");
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int e = 0; e < 200; e++) {
            on.massScales(new long[] {e, 7}, a);
            for (double f : a) {
                assertTrue(f >= 0.7 && f <= 1.4, "in range: " + f);
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        assertTrue(lo < 0.75 && hi > 1.35, "spread over the range: " + lo + ".." + hi);
    }

    @Test
    void theEnginesScaleMassAndInertiaFromTheBuiltRobot() {
        double[] scale = {1.3, 0.8, 1.1, 0.9, 1.2, 0.7, 1.4};
        double[] ones = {1, 1, 1, 1, 1, 1, 1};
        try (ReducedOstrich r = new ReducedOstrich(new double[3], new double[3], new double[] {1, 1, 1})) {
            for (int i = 0; i < 7; i++) {
                assertEquals(r.stepper().mass(i), r.mass(i));
            }
            double[] m0 = new double[7];
            double[] i0 = new double[7];
            for (int i = 0; i < 7; i++) {
                m0[i] = r.mass(i);
                i0[i] = r.stepper().inertia(i);
            }
            r.setMassScale(scale);
            r.setMassScale(scale);
            for (int i = 0; i < 7; i++) {
                assertEquals(m0[i] * scale[i], r.mass(i), 1e-12, "reduced: mass of body " + i + " (no compounding)");
                assertEquals(i0[i] * scale[i], r.stepper().inertia(i), 1e-15, "reduced: inertia of body " + i);
            }
            r.setMassScale(ones);
            for (int i = 0; i < 7; i++) {
                assertEquals(m0[i], r.mass(i), "reduced: factor 1 is the built mass exactly");
                assertEquals(i0[i], r.stepper().inertia(i), "reduced: factor 1 is the built inertia exactly");
            }
        }
        try (OdeOstrich r = new OdeOstrich(true, new double[3], new double[3], new double[] {1, 1, 1})) {
            double[] m0 = new double[7];
            double[][] i0 = new double[7][];
            for (int i = 0; i < 7; i++) {
                m0[i] = r.mass(i);
                var in = r.body(i).getMass().getI();
                i0[i] = new double[] {in.get00(), in.get11(), in.get22()};
            }
            r.setMassScale(scale);
            r.setMassScale(scale);
            for (int i = 0; i < 7; i++) {
                assertEquals(m0[i] * scale[i], r.mass(i), 1e-12, "ode4j: mass of body " + i + " (no compounding)");
                var in = r.body(i).getMass().getI();
                assertEquals(i0[i][0] * scale[i], in.get00(), 1e-15, "ode4j: inertia xx of body " + i);
                assertEquals(i0[i][1] * scale[i], in.get11(), 1e-15, "ode4j: inertia yy of body " + i);
                assertEquals(i0[i][2] * scale[i], in.get22(), 1e-15, "ode4j: inertia zz of body " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> OstrichRobot.checkMassScale(new double[] {1, 1, 1, 0, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> OstrichRobot.checkMassScale(new double[6]));
    }

    /** Torso height after {@code steps} zero-action steps of env 0, checking each env's masses are its draws. */
    private static double torsoHeightAfterStanding(SimSettings s, int steps) {
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, 5, EnvIds.range(0, 2));
                OstrichRobot nominal = OstrichRobot.create(s)) {
            DomainRandomization r = new DomainRandomization(s, 5);
            double[] f = new double[OstrichRobot.GEOMS];
            for (int i = 0; i < 2; i++) {
                VelocityTaskEnv e = (VelocityTaskEnv) env.member(i);
                r.massScales(new long[] {i, e.episode()}, f);
                for (int b = 0; b < OstrichRobot.GEOMS; b++) {
                    assertEquals(nominal.mass(b) * f[b], e.robot().mass(b), 1e-12,
                            s.engine() + ": env " + i + " steps with its drawn mass of body " + b);
                }
            }
            float[] zero = new float[12];
            for (int t = 0; t < steps; t++) {
                env.step(zero);
                assertEquals(0L, ((VelocityTaskEnv) env.member(0)).episode(), s.engine() + ": env 0 must keep standing, fell at " + t + " with " + s.randomization().massScale());
            }
            return ((VelocityTaskEnv) env.member(0)).frame().rootPos[2];
        }
    }

    @Test
    void aHeavierRobotSinksFurtherUnderTheSamePdTargetsOnBothEngines() {
        for (String engine : SimSettings.ENGINES) {
            String e = "amp.sim.engine = " + engine + "\n";
            double light = torsoHeightAfterStanding(VecEnvBehaviourTest.with(e + "amp.sim.randomization.mass-scale = [0.8, 0.8]"), 100);
            double normal = torsoHeightAfterStanding(VecEnvBehaviourTest.with(e), 100);
            double heavy = torsoHeightAfterStanding(VecEnvBehaviourTest.with(e + "amp.sim.randomization.mass-scale = [1.3, 1.3]"), 100);
            System.out.println(engine + " torso height after 2 s standing: light " + light + ", nominal " + normal + ", heavy " + heavy);
            assertTrue(heavy < normal - 3e-3 && normal < light - 5e-4,
                    engine + ": the same joint stiffness must give way more under more weight: light " + light
                    + ", nominal " + normal + ", heavy " + heavy);
        }
    }

    @Test
    void aScaleOfOneIsTheUnrandomizedRunBitForBitOnBothEngines() {
        for (String engine : SimSettings.ENGINES) {
            SimSettings off = VecEnvBehaviourTest.with("amp.sim.engine = " + engine);
            SimSettings one = VecEnvBehaviourTest.with("amp.sim.engine = " + engine
                    + "\namp.sim.randomization.mass-scale = [1.0, 1.0]");
            SimSettings on = VecEnvBehaviourTest.with("amp.sim.engine = " + engine
                    + "\namp.sim.randomization.mass-scale = [0.8, 1.25]");
            try (BatchVecEnv a = VelocityTaskVecEnvs.create(off, 5, EnvIds.range(0, 2));
                    BatchVecEnv b = VelocityTaskVecEnvs.create(one, 5, EnvIds.range(0, 2));
                    BatchVecEnv c = VelocityTaskVecEnvs.create(on, 5, EnvIds.range(0, 2))) {
                float[] actions = new float[12];
                for (int t = 0; t < 60; t++) {
                    Scripts.fill(a, actions, t);
                    a.step(actions);
                    b.step(actions);
                    c.step(actions);
                }
                for (int i = 0; i < 2; i++) {
                    long h = ((VelocityTaskEnv) a.member(i)).stateHash();
                    assertEquals(h, ((VelocityTaskEnv) b.member(i)).stateHash(), engine + ": factor 1, env " + i);
                    assertNotEquals(h, ((VelocityTaskEnv) c.member(i)).stateHash(), engine + ": drawn masses, env " + i);
                }
            }
        }
    }
}
