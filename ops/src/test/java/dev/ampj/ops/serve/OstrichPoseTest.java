package dev.ampj.ops.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichKinematics;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import dev.ampj.sim.terms.FrameMath;
import dev.ampj.sim.terms.KinematicFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's stick figure, decoded from an AMP state, against the platform's own forward
 * kinematics of the same frame: the pose read back equals the frame's, and every thigh, shin and
 * foot centre lies where {@link OstrichKinematics} puts it.
 */
class OstrichPoseTest {

    private static final double PITCH = 0.2;
    private static final double[] Q = {-0.6, 0.9, -0.3, 0.35, 0.2, 0.15};

    private static KinematicFrame frame() {
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        f.rootPos[2] = 1.05;
        FrameMath.axisAngle(0, 1, 0, PITCH, f.rootQuat, 0);
        System.arraycopy(Q, 0, f.jointPos, 0, Q.length);
        new OstrichKinematics().forward(f);
        return f;
    }

    @Test
    void poseReadBackFromTheDefaultAmpStateIsTheFramesPose() {
        AmpObservation amp = AmpTermRegistry.resolve(List.of("ostrich22"), List.of("left_foot", "right_foot"), OstrichLayout.LAYOUT);
        float[] s = new float[amp.dim()];
        amp.compute(frame(), s, 0);
        double[] pose = OstrichPose.decoder(amp).pose(s, 0);
        assertEquals(1.05, pose[0], 1e-6);
        assertEquals(PITCH, pose[1], 1e-6);
        for (int j = 0; j < Q.length; j++) {
            assertEquals(Q[j], pose[2 + j], 1e-6, "joint " + j);
        }
    }

    @Test
    void stickFigureMatchesTheForwardKinematics() {
        KinematicFrame f = frame();
        double[] pose = new double[2 + Q.length];
        pose[0] = 1.05;
        pose[1] = PITCH;
        System.arraycopy(Q, 0, pose, 2, Q.length);
        double[] xz = OstrichPose.points(pose);
        for (int leg = 0; leg < 2; leg++) {
            int k = 2 + 4 * leg; // knee, ankle, heel, toe
            double thigh = PITCH + Q[3 * leg];
            double shin = thigh + Q[3 * leg + 1];
            double foot = shin + Q[3 * leg + 2];
            // thigh centre = hip + R(thigh)(0, -L/2); shin centre = knee + R(shin)(0, -L/2)
            assertCentre(f, 1 + 3 * leg, xz[2], xz[3], OstrichGeometry.THIGH_LENGTH / 2, thigh);
            assertCentre(f, 2 + 3 * leg, xz[2 * k], xz[2 * k + 1], OstrichGeometry.SHIN_LENGTH / 2, shin);
            // foot centre = heel-toe midpoint + R(foot)(0, h/2)
            double mx = (xz[2 * (k + 2)] + xz[2 * (k + 3)]) / 2;
            double mz = (xz[2 * (k + 2) + 1] + xz[2 * (k + 3) + 1]) / 2;
            assertCentre(f, 3 + 3 * leg, mx, mz, -OstrichGeometry.FOOT_SIZE[2] / 2, foot);
        }
        assertEquals(1.05 + OstrichGeometry.TORSO_SIZE[2] / 2 * Math.cos(PITCH), xz[1], 1e-9, "neck height");
    }

    /** Body {@code body}'s centre is at (x, z) + R(θ)(0, −down). */
    private static void assertCentre(KinematicFrame f, int body, double x, double z, double down, double theta) {
        assertEquals(f.bodyPos[3 * body], x - down * Math.sin(theta), 1e-9, "x of body " + body);
        assertEquals(f.bodyPos[3 * body + 2], z - down * Math.cos(theta), 1e-9, "z of body " + body);
    }

    @Test
    void anAmpStateWithoutJointAnglesCannotBePosed() {
        assertNull(OstrichPose.decoder(AmpTermRegistry.resolve(List.of("root_height", "projected_gravity"), List.of(),
                OstrichLayout.LAYOUT)));
        assertNotNull(OstrichPose.decoder(AmpTermRegistry.resolve(List.of("basic"), List.of(), OstrichLayout.LAYOUT)));
    }
}
