package dev.ampj.sim.motion;

import java.util.List;

/**
 * Resamples a {@link KinematicClip} to another rate (the control rate): linear interpolation for
 * positions, joint angles and velocities, slerp for rotations. The clip keeps its exact duration
 * (F − 1) / fps: the new frames are at k / rate for k = 0 .. ⌊duration · rate⌋, so the last one
 * never lies past the last source frame (amp-rsl-rl instead stretches clips by F / (F − 1)).
 */
public final class MotionResampler {

    /** Slack so a duration that is an exact multiple of the new period keeps its last frame despite rounding. */
    private static final double EPS = 1e-9;

    private MotionResampler() {}

    /** Frames a clip of {@code duration} seconds has at {@code rate}. */
    public static int frameCount(double duration, double rate) {
        return (int) Math.floor(duration * rate + EPS) + 1;
    }

    public static KinematicClip resample(KinematicClip c, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("resampling rate must be positive, got " + rate);
        }
        int n = frameCount(c.duration(), rate);
        int d = c.dofs();
        int b = c.bodies();
        double[] dofPos = new double[n * d];
        double[] dofVel = new double[n * d];
        double[] pos = new double[n * b * 3];
        double[] quat = new double[n * b * 4];
        double[] lin = new double[n * b * 3];
        double[] ang = new double[n * b * 3];
        for (int k = 0; k < n; k++) {
            double t = Math.min(k / rate, c.duration());
            Interp at = locate(c, t);
            lerp(c.dofPos(), d, at, dofPos, k);
            lerp(c.dofVel(), d, at, dofVel, k);
            lerp(c.bodyPos(), b * 3, at, pos, k);
            lerp(c.bodyLinVel(), b * 3, at, lin, k);
            lerp(c.bodyAngVel(), b * 3, at, ang, k);
            for (int j = 0; j < b; j++) {
                Quaternions.slerp(c.bodyQuat(), (at.i0 * b + j) * 4, c.bodyQuat(), (at.i1 * b + j) * 4, at.alpha,
                        quat, (k * b + j) * 4);
            }
        }
        return new KinematicClip(c.source(), c.format(), c.quatOrder(), rate, n, c.dofNames(), c.bodyNames(), d, b,
                dofPos, dofVel, pos, quat, lin, ang, c.velocitiesFromFile(), List.copyOf(c.warnings()));
    }

    /** The two source frames around time {@code t} and the weight of the second. */
    record Interp(int i0, int i1, double alpha) {}

    static Interp locate(KinematicClip c, double t) {
        if (c.frames() == 1) {
            return new Interp(0, 0, 0.0);
        }
        double s = t * c.fps();
        int i0 = Math.min((int) Math.floor(s), c.frames() - 2);
        i0 = Math.max(i0, 0);
        double alpha = Math.min(1.0, Math.max(0.0, s - i0));
        return new Interp(i0, i0 + 1, alpha);
    }

    private static void lerp(double[] src, int width, Interp at, double[] dst, int k) {
        int a = at.i0 * width;
        int b = at.i1 * width;
        int o = k * width;
        for (int j = 0; j < width; j++) {
            dst[o + j] = src[a + j] + at.alpha * (src[b + j] - src[a + j]);
        }
    }
}
