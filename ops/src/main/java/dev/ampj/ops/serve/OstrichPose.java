package dev.ampj.ops.serve;

import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.terms.AmpObservation;

/**
 * The planar pose of the ostrich read back from an AMP state: root height, torso pitch (from the
 * projected gravity term) and the six joint angles. An AMP observation without {@code joint_pos}
 * cannot be posed; without {@code root_height} or {@code projected_gravity} the root stands at the
 * nominal height, upright.
 *
 * <p>Points are the stick figure in the sagittal plane (x forward, z up, root at x = 0): neck, hip,
 * then per leg knee, ankle, heel, toe (left leg first).
 */
final class OstrichPose {

    static final int JOINTS = 6;
    /** Nominal standing height of the torso's centre when the state has no root height. */
    static final double NOMINAL_ROOT_HEIGHT = 1.1;
    static final int POINTS = 2 + 2 * 4;

    private final int rootHeight;
    private final int gravity;
    private final int jointPos;

    private OstrichPose(int rootHeight, int gravity, int jointPos) {
        this.rootHeight = rootHeight;
        this.gravity = gravity;
        this.jointPos = jointPos;
    }

    /** The decoder for {@code amp}'s layout, or null when it has no {@code joint_pos} term. */
    static OstrichPose decoder(AmpObservation amp) {
        if (!amp.termNames().contains("joint_pos")) {
            return null;
        }
        return new OstrichPose(amp.termNames().contains("root_height") ? amp.offsetOf("root_height") : -1,
                amp.termNames().contains("projected_gravity") ? amp.offsetOf("projected_gravity") : -1,
                amp.offsetOf("joint_pos"));
    }

    /** [root height, pitch, q0..q5] of the AMP state {@code s} starting at {@code offset}. */
    double[] pose(float[] s, int offset) {
        double[] p = new double[2 + JOINTS];
        p[0] = rootHeight < 0 ? NOMINAL_ROOT_HEIGHT : s[offset + rootHeight];
        // gravity in the body frame of a torso pitched by θ about +y is (sin θ, 0, -cos θ)
        p[1] = gravity < 0 ? 0 : Math.atan2(s[offset + gravity], -s[offset + gravity + 2]);
        for (int j = 0; j < JOINTS; j++) {
            p[2 + j] = s[offset + jointPos + j];
        }
        return p;
    }

    /**
     * The stick figure of {@code pose} as {@link #POINTS} (x, z) pairs. Every hinge turns about +y:
     * a body-frame vector (x, z) of a body at absolute angle θ is (x cos θ + z sin θ, −x sin θ + z cos θ).
     */
    static double[] points(double[] pose) {
        double[] xz = new double[2 * POINTS];
        double pitch = pose[1];
        double half = OstrichGeometry.TORSO_SIZE[2] / 2;
        put(xz, 0, 0, pose[0], 0, half, pitch);           // neck: top of the torso
        put(xz, 1, 0, pose[0], 0, -half, pitch);          // hip: bottom of the torso
        for (int leg = 0; leg < 2; leg++) {
            int k = 2 + 4 * leg;
            double hip = pitch + pose[2 + 3 * leg];
            put(xz, k, xz[2], xz[3], 0, -OstrichGeometry.THIGH_LENGTH, hip);
            double knee = hip + pose[3 + 3 * leg];
            put(xz, k + 1, xz[2 * k], xz[2 * k + 1], 0, -OstrichGeometry.SHIN_LENGTH, knee);
            double ankle = knee + pose[4 + 3 * leg];
            double[] f = OstrichGeometry.FOOT_FROM_ANKLE;
            double l = OstrichGeometry.FOOT_SIZE[0] / 2;
            double ax = xz[2 * (k + 1)];
            double az = xz[2 * (k + 1) + 1];
            put(xz, k + 2, ax, az, f[0] - l, f[2] - OstrichGeometry.FOOT_SIZE[2] / 2, ankle);
            put(xz, k + 3, ax, az, f[0] + l, f[2] - OstrichGeometry.FOOT_SIZE[2] / 2, ankle);
        }
        return xz;
    }

    private static void put(double[] xz, int point, double ox, double oz, double x, double z, double theta) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        xz[2 * point] = ox + x * c + z * s;
        xz[2 * point + 1] = oz - x * s + z * c;
    }
}
