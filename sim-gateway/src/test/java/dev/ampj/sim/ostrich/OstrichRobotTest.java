package dev.ampj.sim.ostrich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.terms.FrameMath;
import dev.ampj.sim.terms.KinematicFrame;
import org.junit.jupiter.api.Test;

/**
 * Physics sanity of the ostrich in every engine: a PD-held standing pose holds, a limp robot falls,
 * FK matches the engine.
 */
class OstrichRobotTest {

    /** (engine, planar) of every supported combination. */
    static final String[][] ENGINES = {{"reduced", "true"}, {"ode4j", "true"}, {"ode4j", "false"}};

    static SimSettings settings(String engine, boolean planar) {
        return SimSettings.fromConfig(ConfigFactory.parseString("amp.sim { engine = " + engine + ", planar = " + planar
                + " }").withFallback(ConfigFactory.defaultReference()).resolve());
    }

    static SimSettings limp(String engine) {
        return SimSettings.fromConfig(ConfigFactory.parseString("amp.sim { engine = " + engine
                + ", pd.kp = [0, 0, 0], pd.kd = [0, 0, 0] }").withFallback(ConfigFactory.defaultReference()).resolve());
    }


    static KinematicFrame standing() {
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        OstrichKinematics k = new OstrichKinematics();
        k.standing(OstrichLayout.DEFAULT_JOINT_POS, 0.002, f);
        assertEquals(0.002, k.lowestFootZ(f), 1e-12);
        return f;
    }

    @Test
    void standingPdPoseHoldsForFiveSeconds() {
        for (String[] e : ENGINES) {
            String planar = e[0] + " planar=" + e[1];
            try (OstrichRobot r = OstrichRobot.create(settings(e[0], Boolean.parseBoolean(e[1])))) {
                KinematicFrame f = standing();
                double h0 = f.rootPos[2];
                r.writeFrame(f);
                double minH = h0;
                double maxTilt = 0;
                for (int t = 0; t < 250; t++) {
                    r.step(OstrichLayout.DEFAULT_JOINT_POS, 4, 0.005);
                    r.readFrame(f);
                    minH = Math.min(minH, f.rootPos[2]);
                    maxTilt = Math.max(maxTilt, Math.abs(FrameMath.pitch(f.rootQuat, 0)));
                }
                assertTrue(minH > h0 - 0.05, planar + ": torso sank from " + h0 + " to " + minH);
                assertTrue(maxTilt < 0.1, planar + ": torso tilted " + maxTilt);
                assertEquals(0, f.rootLinVel[0], 0.05, planar + ": drifting forward");
                assertTrue(r.inContact(OstrichGeometry.LEFT_FOOT) && r.inContact(OstrichGeometry.RIGHT_FOOT), planar);
            }
        }
    }

    @Test
    void torqueFreeRobotFalls() {
        for (String engine : new String[] {"reduced", "ode4j"}) {
            try (OstrichRobot r = OstrichRobot.create(limp(engine))) {
                KinematicFrame f = standing();
                r.writeFrame(f);
                for (int t = 0; t < 150; t++) {
                    r.step(OstrichLayout.DEFAULT_JOINT_POS, 4, 0.005);
                }
                r.readFrame(f);
                assertTrue(f.rootPos[2] < 0.6, engine + ": limp torso should collapse, height " + f.rootPos[2]);
            }
        }
    }

    @Test
    void engineFrameMatchesForwardKinematics() {
        for (String engine : new String[] {"reduced", "ode4j"}) {
            engineFrameMatchesForwardKinematics(engine);
        }
    }

    private static void engineFrameMatchesForwardKinematics(String engine) {
        try (OstrichRobot r = OstrichRobot.create(settings(engine, true))) {
            KinematicFrame f = standing();
            f.jointPos[1] = 0.9;
            f.jointVel[0] = 0.7;
            f.jointVel[4] = -1.1;
            f.rootLinVel[0] = 0.3;
            f.rootAngVel[1] = 0.2;
            FrameMath.axisAngle(0, 1, 0, 0.1, f.rootQuat, 0);
            new OstrichKinematics().forward(f);
            r.writeFrame(f);
            KinematicFrame g = new KinematicFrame(OstrichLayout.LAYOUT);
            r.readFrame(g);
            assertArrayEquals(f.jointPos, g.jointPos, 1e-9);
            assertArrayEquals(f.jointVel, g.jointVel, 1e-9);
            assertArrayEquals(f.bodyPos, g.bodyPos, 1e-12);
            assertArrayEquals(f.bodyLinVel, g.bodyLinVel, 1e-12);
            assertArrayEquals(f.bodyAngVel, g.bodyAngVel, 1e-12);
            assertArrayEquals(f.rootPos, g.rootPos, 1e-12);
        }
    }
}
