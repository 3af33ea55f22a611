package dev.ampj.sim.terms;

import java.util.Arrays;

/**
 * The full kinematic state of one robot at one instant, in world coordinates: what every AMP
 * observation term is computed from. The simulated env fills it from the physics engine and a
 * reference motion fills it from a clip, so both sides of the discriminator see the same numbers
 * for the same pose.
 *
 * <p>Plain mutable arrays, reused across steps (no allocation on the step path). Conventions:
 * z up, quaternions (w, x, y, z) rotating body to world, velocities in the world frame, body
 * positions and linear velocities at each body's centre of mass. Body 0 is the root, so
 * {@code root*} and body 0 hold the same values once {@link #syncRootFromBody0()} or the filler
 * has set them.
 */
public final class KinematicFrame {

    private final FrameLayout layout;

    /** Root position (x, y, z), world. */
    public final double[] rootPos = new double[3];
    /** Root orientation (w, x, y, z), body to world. */
    public final double[] rootQuat = {1, 0, 0, 0};
    /** Root linear velocity, world frame. */
    public final double[] rootLinVel = new double[3];
    /** Root angular velocity, world frame. */
    public final double[] rootAngVel = new double[3];
    /** Joint positions (rad), in {@link FrameLayout#jointNames()} order. */
    public final double[] jointPos;
    /** Joint velocities (rad/s). */
    public final double[] jointVel;
    /** Body positions, {@code numBodies × 3}, world. */
    public final double[] bodyPos;
    /** Body orientations, {@code numBodies × 4} (w, x, y, z). */
    public final double[] bodyQuat;
    /** Body linear velocities, {@code numBodies × 3}, world. */
    public final double[] bodyLinVel;
    /** Body angular velocities, {@code numBodies × 3}, world. */
    public final double[] bodyAngVel;

    public KinematicFrame(FrameLayout layout) {
        this.layout = layout;
        int j = layout.numJoints();
        int b = layout.numBodies();
        jointPos = new double[j];
        jointVel = new double[j];
        bodyPos = new double[3 * b];
        bodyQuat = new double[4 * b];
        bodyLinVel = new double[3 * b];
        bodyAngVel = new double[3 * b];
        for (int i = 0; i < b; i++) {
            bodyQuat[4 * i] = 1;
        }
    }

    public FrameLayout layout() {
        return layout;
    }

    /** Copies the root fields from body 0 (for fillers that only write bodies). */
    public void syncRootFromBody0() {
        System.arraycopy(bodyPos, 0, rootPos, 0, 3);
        System.arraycopy(bodyQuat, 0, rootQuat, 0, 4);
        System.arraycopy(bodyLinVel, 0, rootLinVel, 0, 3);
        System.arraycopy(bodyAngVel, 0, rootAngVel, 0, 3);
    }

    /**
     * The root at the origin, upright (identity orientation), joints at {@code jointPos}, every root
     * and joint velocity zero. Bodies are left as they are (a forward-kinematics pass fills them).
     */
    public void atRest(double[] jointPos) {
        java.util.Arrays.fill(rootPos, 0);
        rootQuat[0] = 1;
        rootQuat[1] = 0;
        rootQuat[2] = 0;
        rootQuat[3] = 0;
        java.util.Arrays.fill(rootLinVel, 0);
        java.util.Arrays.fill(rootAngVel, 0);
        System.arraycopy(jointPos, 0, this.jointPos, 0, this.jointPos.length);
        java.util.Arrays.fill(jointVel, 0);
    }

    /** Copies every field of {@code other}, which must have the same layout. */
    public void copyFrom(KinematicFrame other) {
        if (!other.layout.equals(layout)) {
            throw new IllegalArgumentException("frame layouts differ: " + other.layout + " vs " + layout);
        }
        System.arraycopy(other.rootPos, 0, rootPos, 0, 3);
        System.arraycopy(other.rootQuat, 0, rootQuat, 0, 4);
        System.arraycopy(other.rootLinVel, 0, rootLinVel, 0, 3);
        System.arraycopy(other.rootAngVel, 0, rootAngVel, 0, 3);
        System.arraycopy(other.jointPos, 0, jointPos, 0, jointPos.length);
        System.arraycopy(other.jointVel, 0, jointVel, 0, jointVel.length);
        System.arraycopy(other.bodyPos, 0, bodyPos, 0, bodyPos.length);
        System.arraycopy(other.bodyQuat, 0, bodyQuat, 0, bodyQuat.length);
        System.arraycopy(other.bodyLinVel, 0, bodyLinVel, 0, bodyLinVel.length);
        System.arraycopy(other.bodyAngVel, 0, bodyAngVel, 0, bodyAngVel.length);
    }

    /** True if every value is finite (a NaN state from the engine must never reach an observation). */
    public boolean isFinite() {
        return finite(rootPos) && finite(rootQuat) && finite(rootLinVel) && finite(rootAngVel)
                && finite(jointPos) && finite(jointVel) && finite(bodyPos) && finite(bodyQuat)
                && finite(bodyLinVel) && finite(bodyAngVel);
    }

    private static boolean finite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "KinematicFrame[rootPos=" + Arrays.toString(rootPos) + ", rootQuat=" + Arrays.toString(rootQuat)
                + ", jointPos=" + Arrays.toString(jointPos) + "]";
    }
}
