package dev.ampj.sim.terms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.ostrich.OstrichLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Analytic checks of the AMP observation terms and the named groups. */
class AmpTermRegistryTest {

    private static final FrameLayout LAYOUT = OstrichLayout.LAYOUT;
    private static final float EPS = 1e-6f;

    private static float[] eval(String term, KinematicFrame f) {
        AmpObservation obs = AmpTermRegistry.resolve(List.of(term), OstrichLayout.KEY_BODIES, LAYOUT);
        float[] out = new float[obs.dim() + 2];
        out[0] = 42; // offset respected: the first and last floats stay untouched
        out[out.length - 1] = 43;
        obs.compute(f, out, 1);
        assertEquals(42, out[0]);
        assertEquals(43, out[out.length - 1]);
        float[] r = new float[obs.dim()];
        System.arraycopy(out, 1, r, 0, r.length);
        return r;
    }

    @Test
    void projectedGravityOfUprightTorsoPointsDown() {
        KinematicFrame f = new KinematicFrame(LAYOUT);
        assertArrayEquals(new float[] {0, 0, -1}, eval("projected_gravity", f), EPS);
    }

    @Test
    void projectedGravityOfPitchedTorso() {
        KinematicFrame f = new KinematicFrame(LAYOUT);
        double pitch = 0.3; // rotation about +y: the body's x axis tilts down
        FrameMath.axisAngle(0, 1, 0, pitch, f.rootQuat, 0);
        // g_b = Rᵀ(0,0,-1) = (sin p, 0, -cos p)
        assertArrayEquals(new float[] {(float) Math.sin(pitch), 0, (float) -Math.cos(pitch)},
                eval("projected_gravity", f), EPS);
        assertEquals(pitch, FrameMath.pitch(f.rootQuat, 0), 1e-12);
    }

    @Test
    void bodyFrameVelocitiesRotateWithTheRoot() {
        KinematicFrame f = new KinematicFrame(LAYOUT);
        // yaw 90°: body x axis = world y
        FrameMath.axisAngle(0, 0, 1, Math.PI / 2, f.rootQuat, 0);
        f.rootLinVel[0] = 0;
        f.rootLinVel[1] = 2;
        f.rootLinVel[2] = 0.5;
        f.rootAngVel[0] = 1;
        assertArrayEquals(new float[] {2, 0, 0.5f}, eval("root_lin_vel_b", f), EPS);
        assertArrayEquals(new float[] {0, -1, 0}, eval("root_ang_vel_b", f), EPS);
        assertArrayEquals(new float[] {0, 2, 0.5f}, eval("root_lin_vel_w", f), EPS);
        assertArrayEquals(new float[] {1, 0, 0}, eval("root_ang_vel_w", f), EPS);
    }

    @Test
    void keyBodyPositionsAreRelativeToTheRootInItsFrame() {
        KinematicFrame f = new KinematicFrame(LAYOUT);
        f.rootPos[0] = 5;
        f.rootPos[2] = 1;
        FrameMath.axisAngle(0, 0, 1, Math.PI / 2, f.rootQuat, 0);
        int lf = 3 * LAYOUT.bodyIndex("left_foot");
        int rf = 3 * LAYOUT.bodyIndex("right_foot");
        f.bodyPos[lf] = 5;
        f.bodyPos[lf + 1] = 0.1;
        f.bodyPos[lf + 2] = 0;
        f.bodyPos[rf] = 5.3;
        f.bodyPos[rf + 1] = -0.1;
        f.bodyPos[rf + 2] = 0;
        // world offsets (0, .1, -1) and (.3, -.1, -1); yaw 90: body = (y, -x, z)
        assertArrayEquals(new float[] {0.1f, 0, -1, -0.1f, -0.3f, -1}, eval("body_pos_b", f), EPS);
    }

    @Test
    void quaternionsAreCanonicalAndJointTermsMatchTheFrame() {
        KinematicFrame f = new KinematicFrame(LAYOUT);
        f.rootQuat[0] = -0.6;
        f.rootQuat[2] = -0.8;
        f.rootPos[2] = 0.9;
        for (int j = 0; j < 6; j++) {
            f.jointPos[j] = 0.1 * j;
            f.jointVel[j] = -j;
        }
        assertArrayEquals(new float[] {0.6f, 0, 0.8f, 0}, eval("root_quat_w", f), EPS);
        assertArrayEquals(new float[] {0.9f}, eval("root_height", f), EPS);
        assertArrayEquals(new float[] {0, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f}, eval("joint_pos", f), EPS);
        assertArrayEquals(new float[] {0.25f, -0.4f, 0.45f, 0.55f, -0.1f, 0.75f}, eval("joint_pos_rel", f), EPS);
        assertArrayEquals(new float[] {0, -1, -2, -3, -4, -5}, eval("joint_vel", f), EPS);
    }

    @Test
    void ostrich22HasTheSeedLayout() {
        AmpObservation obs = AmpTermRegistry.resolve(List.of("ostrich22"), List.of(), LAYOUT);
        assertEquals(22, obs.dim());
        assertEquals(List.of("root_height", "projected_gravity", "joint_pos", "root_lin_vel_w", "root_ang_vel_w",
                "joint_vel"), obs.termNames());
        assertEquals("root_height[0:1] projected_gravity[1:4] joint_pos[4:10] root_lin_vel_w[10:13] "
                + "root_ang_vel_w[13:16] joint_vel[16:22]", obs.describe());
        KinematicFrame f = new KinematicFrame(LAYOUT);
        f.rootPos[2] = 1.1;
        f.rootLinVel[0] = 1.5;
        f.rootAngVel[1] = -0.5;
        f.jointPos[2] = 0.3;
        f.jointVel[5] = 7;
        float[] v = new float[22];
        obs.compute(f, v, 0);
        assertArrayEquals(new float[] {1.1f, 0, 0, -1, 0, 0, 0.3f, 0, 0, 0, 1.5f, 0, 0, 0, -0.5f, 0, 0, 0, 0, 0, 0, 7},
                v, EPS);
    }

    @Test
    void groupsExpand() {
        assertEquals(12, AmpTermRegistry.resolve(List.of("basic"), List.of(), LAYOUT).dim());
        AmpObservation soft = AmpTermRegistry.resolve(List.of("soft_track"), OstrichLayout.KEY_BODIES, LAYOUT);
        assertEquals(12 + 2 * (4 + 3 + 3), soft.dim());
        assertEquals(12, soft.offsetOf("body_quat_w"));
    }

    @Test
    void badNamesFailWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AmpTermRegistry.resolve(List.of("root_hieght"), List.of(), LAYOUT));
        assertTrue(e.getMessage().contains("root_hieght") && e.getMessage().contains("projected_gravity")
                && e.getMessage().contains("ostrich22"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AmpTermRegistry.resolve(List.of("body_pos_b"), List.of("left_toe"), LAYOUT));
        assertTrue(e.getMessage().contains("left_toe") && e.getMessage().contains("left_foot"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AmpTermRegistry.resolve(List.of("body_quat_w"), List.of(), LAYOUT));
        assertTrue(e.getMessage().contains("key bodies"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AmpTermRegistry.resolve(List.of("basic", "joint_vel"), List.of(), LAYOUT));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }
}
