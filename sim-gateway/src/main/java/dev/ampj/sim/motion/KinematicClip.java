package dev.ampj.sim.motion;

import java.util.List;

/**
 * A reference motion as kinematics: F frames at {@code fps}, D joints and B bodies (body 0 is the
 * root). All arrays are row-major over frames; quaternions are w, x, y, z (whatever order the file
 * used, recorded in {@link #quatOrder()}); velocities are in the world frame. Velocities the file
 * lacked have been filled by finite differences ({@link #velocitiesFromFile()} says which).
 *
 * <p>Layout: {@code dofPos[f*D + j]}, {@code bodyPos[(f*B + b)*3 + k]}, {@code bodyQuat[(f*B + b)*4 + k]}.
 * Immutable: accessors return the shared arrays for speed, callers must not modify them.
 */
public final class KinematicClip implements ReferenceMotion {

    private final String source;
    private final MotionFormat format;
    private final QuatOrder quatOrder;
    private final double fps;
    private final int frames;
    private final List<String> dofNames;
    private final List<String> bodyNames;
    private final int dofs;
    private final int bodies;
    private final double[] dofPos;
    private final double[] dofVel;
    private final double[] bodyPos;
    private final double[] bodyQuat;
    private final double[] bodyLinVel;
    private final double[] bodyAngVel;
    private final boolean velocitiesFromFile;
    private final List<String> warnings;

    /**
     * @param dofNames  joint names in data order, or null when the file has none
     * @param bodyNames body names in data order (root first), or null when the file has none
     */
    public KinematicClip(String source, MotionFormat format, QuatOrder quatOrder, double fps, int frames,
            List<String> dofNames, List<String> bodyNames, int dofs, int bodies,
            double[] dofPos, double[] dofVel, double[] bodyPos, double[] bodyQuat, double[] bodyLinVel, double[] bodyAngVel,
            boolean velocitiesFromFile, List<String> warnings) {
        if (frames < 1 || !(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException(source + ": a clip needs at least one frame and a positive fps");
        }
        check(source, "dof positions", dofPos, (long) frames * dofs);
        check(source, "dof velocities", dofVel, (long) frames * dofs);
        check(source, "body positions", bodyPos, (long) frames * bodies * 3);
        check(source, "body rotations", bodyQuat, (long) frames * bodies * 4);
        check(source, "body linear velocities", bodyLinVel, (long) frames * bodies * 3);
        check(source, "body angular velocities", bodyAngVel, (long) frames * bodies * 3);
        if (dofNames != null && dofNames.size() != dofs || bodyNames != null && bodyNames.size() != bodies) {
            throw new IllegalArgumentException(source + ": name lists do not match the joint/body counts");
        }
        this.source = source;
        this.format = format;
        this.quatOrder = quatOrder;
        this.fps = fps;
        this.frames = frames;
        this.dofNames = dofNames == null ? null : List.copyOf(dofNames);
        this.bodyNames = bodyNames == null ? null : List.copyOf(bodyNames);
        this.dofs = dofs;
        this.bodies = bodies;
        this.dofPos = dofPos;
        this.dofVel = dofVel;
        this.bodyPos = bodyPos;
        this.bodyQuat = bodyQuat;
        this.bodyLinVel = bodyLinVel;
        this.bodyAngVel = bodyAngVel;
        this.velocitiesFromFile = velocitiesFromFile;
        this.warnings = List.copyOf(warnings);
    }

    private static void check(String source, String what, double[] a, long n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(source + ": " + what + " need " + n + " values, got " + (a == null ? "none" : a.length));
        }
    }

    /** The same clip with other warnings (the loader adds what it notices). */
    public KinematicClip withWarnings(List<String> newWarnings) {
        return new KinematicClip(source, format, quatOrder, fps, frames, dofNames, bodyNames, dofs, bodies,
                dofPos, dofVel, bodyPos, bodyQuat, bodyLinVel, bodyAngVel, velocitiesFromFile, newWarnings);
    }

    /**
     * The same positions and rotations with every velocity computed from them by finite differences
     * at the clip's rate ({@link FiniteDifferences}), as for a file that stores none: motion whose
     * velocities its positions explain exactly, without within-frame dynamics a recording may carry.
     */
    public KinematicClip withVelocitiesFromPositions() {
        return new KinematicClip(source, format, quatOrder, fps, frames, dofNames, bodyNames, dofs, bodies,
                dofPos, FiniteDifferences.linear(dofPos, frames, dofs, fps), bodyPos, bodyQuat,
                FiniteDifferences.linear(bodyPos, frames, bodies * 3, fps), FiniteDifferences.angular(bodyQuat, frames, bodies, fps),
                false, warnings);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public MotionFormat format() {
        return format;
    }

    /** The order the file's quaternions were read in (the format's, or the configured override). */
    public QuatOrder quatOrder() {
        return quatOrder;
    }

    public double fps() {
        return fps;
    }

    public int frames() {
        return frames;
    }

    /** Clip length in seconds: exactly (F − 1) / fps, the time from the first to the last frame. */
    public double duration() {
        return (frames - 1) / fps;
    }

    public List<String> dofNames() {
        return dofNames;
    }

    public List<String> bodyNames() {
        return bodyNames;
    }

    public int dofs() {
        return dofs;
    }

    public int bodies() {
        return bodies;
    }

    public double[] dofPos() {
        return dofPos;
    }

    public double[] dofVel() {
        return dofVel;
    }

    public double[] bodyPos() {
        return bodyPos;
    }

    public double[] bodyQuat() {
        return bodyQuat;
    }

    public double[] bodyLinVel() {
        return bodyLinVel;
    }

    public double[] bodyAngVel() {
        return bodyAngVel;
    }

    /** True when the file carried velocities; false when they were computed by finite differences. */
    public boolean velocitiesFromFile() {
        return velocitiesFromFile;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }
}
