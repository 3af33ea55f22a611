package dev.ampj.ops.export;

import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichLayout;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A clip of the ostrich as BVH motion capture (as seed 003 exports trained motion through fmbvh):
 * the skeleton in HIERARCHY, one MOTION line per frame. BVH is Y-up, so the project's world
 * (x forward, y left, z up) maps to BVH (X, Y, Z) = (x, z, −y); lengths in centimetres.
 *
 * <p>The root is the torso (its centre of mass: 3 position and 3 rotation channels); hips, knees and
 * ankles are joints at their anchors with offsets from {@link OstrichGeometry}, and each foot ends at
 * its toe. A joint's angle θ about the robot's lateral +y axis is a rotation of −θ about BVH Z;
 * the root's orientation is written as Z, X, Y Euler angles (degrees) of its rotation in BVH axes.
 */
public final class BvhMotion {

    private static final double CM = 100.0;
    private static final String[] LEGS = {"left", "right"};

    private BvhMotion() {}

    /** Writes {@code clip} (an ostrich clip with every body) to {@code out}. */
    public static void write(KinematicClip clip, PrintWriter out) {
        if (!OstrichLayout.JOINTS.equals(clip.dofNames()) || !OstrichLayout.BODIES.equals(clip.bodyNames())) {
            throw new IllegalArgumentException(clip.source() + ": BVH export knows the ostrich skeleton (joints "
                    + OstrichLayout.JOINTS + "), not " + clip.dofNames());
        }
        out.println("HIERARCHY");
        out.println("ROOT torso");
        out.println("{");
        out.println("  OFFSET 0.000000 0.000000 0.000000");
        out.println("  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation");
        for (int leg = 0; leg < 2; leg++) {
            int thigh = 1 + 3 * leg;
            String[] joints = {"hip", "knee", "ankle"};
            for (int k = 0; k < 3; k++) {
                int body = thigh + k;
                String indent = "  ".repeat(k + 1);
                out.println(indent + "JOINT " + LEGS[leg] + "_" + joints[k]);
                out.println(indent + "{");
                out.println(indent + "  OFFSET " + offset(jointOffset(body)));
                out.println(indent + "  CHANNELS 3 Zrotation Xrotation Yrotation");
            }
            String indent = "  ".repeat(4);
            double[] toe = {OstrichGeometry.FOOT_FROM_ANKLE[0] + OstrichGeometry.FOOT_SIZE[0] / 2, 0,
                OstrichGeometry.FOOT_FROM_ANKLE[2] - OstrichGeometry.FOOT_SIZE[2] / 2};
            out.println(indent + "End Site");
            out.println(indent + "{");
            out.println(indent + "  OFFSET " + offset(toe));
            out.println(indent + "}");
            for (int k = 2; k >= 0; k--) {
                out.println("  ".repeat(k + 1) + "}");
            }
        }
        out.println("}");
        out.println("MOTION");
        out.println("Frames: " + clip.frames());
        out.println(String.format(Locale.ROOT, "Frame Time: %.6f", 1.0 / clip.fps()));
        int b = clip.bodies();
        int d = clip.dofs();
        for (int f = 0; f < clip.frames(); f++) {
            StringBuilder line = new StringBuilder();
            double[] p = clip.bodyPos();
            int at = f * b * 3;
            append(line, p[at] * CM, p[at + 2] * CM, -p[at + 1] * CM);
            double[] zxy = zxyDegrees(clip.bodyQuat(), f * b * 4);
            append(line, zxy[0], zxy[1], zxy[2]);
            for (int j = 0; j < d; j++) {
                append(line, -Math.toDegrees(clip.dofPos()[f * d + j]), 0, 0);
            }
            out.println(line.toString().trim());
        }
        out.flush();
    }

    /** Joint anchor of {@code body} relative to its parent's joint anchor (the root: its centre of mass), world axes. */
    static double[] jointOffset(int body) {
        int parent = OstrichGeometry.PARENT[body];
        double[] a = OstrichGeometry.ANCHOR_IN_PARENT[body];
        double[] fromParentAnchor = parent == 0 ? new double[3] : OstrichGeometry.COM_FROM_ANCHOR[parent];
        return new double[] {a[0] + fromParentAnchor[0], a[1] + fromParentAnchor[1], a[2] + fromParentAnchor[2]};
    }

    private static String offset(double[] world) {
        return String.format(Locale.ROOT, "%.6f %.6f %.6f", world[0] * CM + 0.0, world[2] * CM + 0.0, -world[1] * CM + 0.0);
    }

    private static void append(StringBuilder line, double... v) {
        for (double x : v) {
            line.append(String.format(Locale.ROOT, "%.6f ", x + 0.0)); // + 0.0: no "-0.000000"
        }
    }

    /**
     * Euler angles (Z, X, Y order: R = Rz Rx Ry, degrees) of the world quaternion (w, x, y, z) at
     * {@code q[at]}, expressed in BVH axes.
     */
    static double[] zxyDegrees(double[] q, int at) {
        // The same rotation in BVH axes: the basis change (x, y, z) -> (x, z, -y) maps the vector part likewise.
        double w = q[at];
        double x = q[at + 1];
        double y = q[at + 3];
        double z = -q[at + 2];
        // Rotation matrix entries of the BVH-axes quaternion.
        double r01 = 2 * (x * y - w * z);
        double r11 = 1 - 2 * (x * x + z * z);
        double r21 = 2 * (y * z + w * x);
        double r20 = 2 * (x * z - w * y);
        double r22 = 1 - 2 * (x * x + y * y);
        // R = Rz(a) Rx(b) Ry(c): r21 = sin b, r01 = -sin a cos b, r11 = cos a cos b, r20 = -cos b sin c, r22 = cos b cos c.
        double b = Math.asin(Math.max(-1, Math.min(1, r21)));
        double a = Math.atan2(-r01, r11);
        double c = Math.atan2(-r20, r22);
        return new double[] {Math.toDegrees(a), Math.toDegrees(b), Math.toDegrees(c)};
    }
}
