package dev.ampj.sim.ostrich;

/**
 * Dimensions, masses and the kinematic tree of the ostrich, in the project's world frame (x forward,
 * y left, z up) at the zero pose, where every body frame is aligned with the world. Total mass 25 kg;
 * standing height of the torso centre ≈ 1.07 m in the default pose.
 *
 * <p>Body order is {@link OstrichLayout#BODIES}; joint {@code j} moves body {@code j + 1}.
 */
public final class OstrichGeometry {

    private OstrichGeometry() {}

    /** Torso box (x, y, z) in m; 10 kg. */
    public static final double[] TORSO_SIZE = {0.30, 0.24, 0.40};
    public static final double TORSO_MASS = 10.0;
    /** Lateral offset of each hip from the torso centre (m). */
    public static final double HIP_Y = 0.09;

    /** Thigh capsule: hip to knee 0.45 m, radius 0.05 m, 4 kg. */
    public static final double THIGH_LENGTH = 0.45;
    public static final double THIGH_RADIUS = 0.05;
    public static final double THIGH_MASS = 4.0;

    /** Shin capsule: knee to ankle 0.45 m, radius 0.04 m, 2.5 kg. */
    public static final double SHIN_LENGTH = 0.45;
    public static final double SHIN_RADIUS = 0.04;
    public static final double SHIN_MASS = 2.5;

    /** Foot box (x, y, z) in m, 1 kg; its centre sits 0.04 m ahead of and 0.045 m below the ankle. */
    public static final double[] FOOT_SIZE = {0.24, 0.10, 0.05};
    public static final double FOOT_MASS = 1.0;
    public static final double[] FOOT_FROM_ANKLE = {0.04, 0.0, -0.045};

    /** Parent of each body (−1 for the root). */
    public static final int[] PARENT = {-1, 0, 1, 2, 0, 4, 5};

    /** Joint anchor of body i (> 0) in its parent's frame, relative to the parent's centre of mass. */
    public static final double[][] ANCHOR_IN_PARENT = {
        null,
        {0, HIP_Y, -TORSO_SIZE[2] / 2}, {0, 0, -THIGH_LENGTH / 2}, {0, 0, -SHIN_LENGTH / 2},
        {0, -HIP_Y, -TORSO_SIZE[2] / 2}, {0, 0, -THIGH_LENGTH / 2}, {0, 0, -SHIN_LENGTH / 2},
    };

    /** Centre of mass of body i (> 0) relative to its joint anchor, in its own frame. */
    public static final double[][] COM_FROM_ANCHOR = {
        null,
        {0, 0, -THIGH_LENGTH / 2}, {0, 0, -SHIN_LENGTH / 2}, FOOT_FROM_ANKLE,
        {0, 0, -THIGH_LENGTH / 2}, {0, 0, -SHIN_LENGTH / 2}, FOOT_FROM_ANKLE,
    };

    /** Joint limits (rad) per joint, in {@link OstrichLayout#JOINTS} order. */
    public static final double[] JOINT_LO = {-1.5, -0.05, -0.9, -1.5, -0.05, -0.9};
    public static final double[] JOINT_HI = {0.8, 2.4, 0.9, 0.8, 2.4, 0.9};

    /** Soft joint-limit spring (N m / rad) and damping (N m s / rad) per leg joint [hip, knee, ankle]. */
    public static final double[] LIMIT_STIFFNESS = {500, 500, 200};
    public static final double[] LIMIT_DAMPING = {5, 5, 1};

    /** Ground friction coefficient. */
    public static final double FRICTION = 1.0;

    /** Body index of the feet (the bodies whose ground contacts the critic sees). */
    public static final int LEFT_FOOT = 3;
    public static final int RIGHT_FOOT = 6;
}
