package dev.ampj.sim.motion;

import dev.ampj.sim.motion.npy.NpyArray;
import dev.ampj.sim.motion.npy.NpyDType;
import dev.ampj.sim.motion.npy.NpzWriter;
import dev.ampj.sim.ostrich.OstrichLayout;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analytic reference motions of the ostrich's joints and bodies, and writers for every supported
 * file format, so tests know the exact values a reader must return.
 *
 * <p>The motion: joint j follows A_j sin(ω t + φ_j) + default_j; the root moves forward at
 * {@link #SPEED} with a small bob, pitching as θ(t) = 0.1 sin(ω t) about y; every other body is
 * rigidly attached to the root at a fixed offset (so its velocities follow from the root's).
 */
final class MotionFixtures {

    static final double OMEGA = 2 * Math.PI * 1.25;
    static final double SPEED = 0.8;
    static final double HEIGHT = 1.1;
    static final double[] AMPLITUDE = {0.4, 0.6, 0.3, 0.35, 0.55, 0.25};
    static final double[] PHASE = {0.0, 0.7, 1.4, Math.PI, Math.PI + 0.7, Math.PI + 1.4};
    static final double[][] OFFSET = {
        {0, 0, 0}, {0, 0.1, -0.25}, {0, 0.1, -0.6}, {0.05, 0.1, -0.95}, {0, -0.1, -0.25}, {0, -0.1, -0.6}, {0.05, -0.1, -0.95}};

    private MotionFixtures() {}

    static double jointPos(int j, double t) {
        return AMPLITUDE[j] * Math.sin(OMEGA * t + PHASE[j]) + OstrichLayout.DEFAULT_JOINT_POS[j];
    }

    static double jointVel(int j, double t) {
        return AMPLITUDE[j] * OMEGA * Math.cos(OMEGA * t + PHASE[j]);
    }

    static double pitch(double t) {
        return 0.1 * Math.sin(OMEGA * t);
    }

    static double pitchRate(double t) {
        return 0.1 * OMEGA * Math.cos(OMEGA * t);
    }

    /** Root position at t. */
    static double[] rootPos(double t) {
        return new double[] {SPEED * t, 0, HEIGHT + 0.02 * Math.sin(2 * OMEGA * t)};
    }

    /** The quaternion of a rotation by {@code angle} about the unit {@code axis}. */
    static double[] fromAxisAngle(double ax, double ay, double az, double angle) {
        double s = Math.sin(angle / 2);
        return new double[] {Math.cos(angle / 2), ax * s, ay * s, az * s};
    }

    static double[] rootVel(double t) {
        return new double[] {SPEED, 0, 0.04 * OMEGA * Math.cos(2 * OMEGA * t)};
    }

    /** The analytic clip sampled at {@code fps} for {@code frames} frames, with exact velocities. */
    static KinematicClip clip(double fps, int frames) {
        int d = 6;
        int b = OFFSET.length;
        double[] q = new double[frames * d];
        double[] qd = new double[frames * d];
        double[] pos = new double[frames * b * 3];
        double[] quat = new double[frames * b * 4];
        double[] lin = new double[frames * b * 3];
        double[] ang = new double[frames * b * 3];
        for (int f = 0; f < frames; f++) {
            double t = f / fps;
            for (int j = 0; j < d; j++) {
                q[f * d + j] = jointPos(j, t);
                qd[f * d + j] = jointVel(j, t);
            }
            double th = pitch(t);
            double w = pitchRate(t);
            double[] rp = rootPos(t);
            double[] rv = rootVel(t);
            double[] rq = fromAxisAngle(0, 1, 0, th);
            for (int k = 0; k < b; k++) {
                // R_y(θ) * offset
                double ox = OFFSET[k][0], oy = OFFSET[k][1], oz = OFFSET[k][2];
                double rx = Math.cos(th) * ox + Math.sin(th) * oz;
                double rz = -Math.sin(th) * ox + Math.cos(th) * oz;
                int o = (f * b + k) * 3;
                pos[o] = rp[0] + rx;
                pos[o + 1] = rp[1] + oy;
                pos[o + 2] = rp[2] + rz;
                // v = v_root + ω × r with ω = (0, w, 0): (w rz, 0, -w rx)
                lin[o] = rv[0] + w * rz;
                lin[o + 1] = rv[1];
                lin[o + 2] = rv[2] - w * rx;
                ang[o + 1] = w;
                System.arraycopy(rq, 0, quat, (f * b + k) * 4, 4);
            }
        }
        return new KinematicClip("analytic", MotionFormat.ISAACLAB, QuatOrder.WXYZ, fps, frames, OstrichLayout.JOINTS,
                OstrichLayout.BODIES, d, b, q, qd, pos, quat, lin, ang, true, List.of());
    }

    /** Isaac Lab npz of {@code c} with numeric entries in {@code dtype}, optionally Fortran order, deflated, without velocities. */
    static void writeIsaacLab(KinematicClip c, Path out, String descr, boolean fortran, boolean compressed, boolean velocities)
            throws IOException {
        int f = c.frames();
        int d = c.dofs();
        int b = c.bodies();
        NpyDType t = NpyDType.parse(descr);
        NpzWriter w = new NpzWriter(compressed)
                .add(NpyArray.ofStrings("dof_names", c.dofNames().toArray(String[]::new)))
                .add(NpyArray.ofStrings("body_names", c.bodyNames().toArray(String[]::new)))
                .add(NpyArray.ofNumbers("dof_positions", t, new int[] {f, d}, c.dofPos()), fortran)
                .add(NpyArray.ofNumbers("body_positions", t, new int[] {f, b, 3}, c.bodyPos()), fortran)
                .add(NpyArray.ofNumbers("body_rotations", t, new int[] {f, b, 4}, c.bodyQuat()), fortran)
                .add(NpyArray.ofNumbers("fps", t, new int[0], new double[] {c.fps()}));
        if (velocities) {
            w.add(NpyArray.ofNumbers("dof_velocities", t, new int[] {f, d}, c.dofVel()), fortran)
                    .add(NpyArray.ofNumbers("body_linear_velocities", t, new int[] {f, b, 3}, c.bodyLinVel()), fortran)
                    .add(NpyArray.ofNumbers("body_angular_velocities", t, new int[] {f, b, 3}, c.bodyAngVel()), fortran);
        }
        w.write(out);
    }

    static void writeBeyondMimic(KinematicClip c, Path out) throws IOException {
        int f = c.frames();
        int d = c.dofs();
        int b = c.bodies();
        new NpzWriter(true)
                .add(NpyArray.ofFloat32("joint_pos", new int[] {f, d}, c.dofPos()))
                .add(NpyArray.ofFloat32("joint_vel", new int[] {f, d}, c.dofVel()))
                .add(NpyArray.ofFloat32("body_pos_w", new int[] {f, b, 3}, c.bodyPos()))
                .add(NpyArray.ofFloat32("body_quat_w", new int[] {f, b, 4}, c.bodyQuat()))
                .add(NpyArray.ofFloat32("body_lin_vel_w", new int[] {f, b, 3}, c.bodyLinVel()))
                .add(NpyArray.ofFloat32("body_ang_vel_w", new int[] {f, b, 3}, c.bodyAngVel()))
                .add(NpyArray.ofNumbers("fps", new NpyDType(NpyDType.Kind.SIGNED, 8, ByteOrder.LITTLE_ENDIAN, "<i8"),
                        new int[0], new double[] {c.fps()}))
                .write(out);
    }

    /** amp-rsl-rl dict (root = body 0, quaternions xyzw), joints in {@code jointOrder}. */
    static Map<String, Object> ampRslRlDict(KinematicClip c, List<String> jointOrder) {
        List<Object> q = new ArrayList<>();
        List<Object> p = new ArrayList<>();
        List<Object> r = new ArrayList<>();
        int b = c.bodies();
        for (int f = 0; f < c.frames(); f++) {
            double[] row = new double[jointOrder.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = c.dofPos()[f * c.dofs() + c.dofNames().indexOf(jointOrder.get(j))];
            }
            q.add(row);
            p.add(new double[] {c.bodyPos()[f * b * 3], c.bodyPos()[f * b * 3 + 1], c.bodyPos()[f * b * 3 + 2]});
            double[] wxyz = java.util.Arrays.copyOfRange(c.bodyQuat(), f * b * 4, f * b * 4 + 4);
            r.add(new double[] {wxyz[1], wxyz[2], wxyz[3], wxyz[0]});
        }
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("joints_list", new ArrayList<Object>(jointOrder));
        dict.put("joint_positions", q);
        dict.put("root_position", p);
        dict.put("root_quaternion", r);
        dict.put("fps", c.fps());
        return dict;
    }

    static void writeAmpRslRl(Map<String, Object> dict, Path out, int protocol) throws IOException {
        Files.write(out, PickleBytes.npyOfObject(dict, protocol));
    }
}
