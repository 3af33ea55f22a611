package dev.ampj.sim.motion;

import dev.ampj.sim.terms.FrameMath;

/**
 * Quaternion arithmetic on {@code double[]} slices in w, x, y, z order, as resampling and
 * finite-difference velocities need it. Unit quaternions throughout; the Hamilton product and
 * rotations are {@link FrameMath}'s, shared with the AMP observation terms.
 */
public final class Quaternions {

    private Quaternions() {}

    /** Norm of {@code q[at..at+4)}. */
    public static double norm(double[] q, int at) {
        return Math.sqrt(q[at] * q[at] + q[at + 1] * q[at + 1] + q[at + 2] * q[at + 2] + q[at + 3] * q[at + 3]);
    }

    public static void normalize(double[] q, int at) {
        double n = norm(q, at);
        for (int k = 0; k < 4; k++) {
            q[at + k] /= n;
        }
    }

    /** Spherical interpolation along the shorter arc; lerp + normalise only when the two (nearly) coincide. */
    public static void slerp(double[] a, int ai, double[] b, int bi, double t, double[] out, int oi) {
        double dot = a[ai] * b[bi] + a[ai + 1] * b[bi + 1] + a[ai + 2] * b[bi + 2] + a[ai + 3] * b[bi + 3];
        double sign = 1.0;
        if (dot < 0) {
            dot = -dot;
            sign = -1.0;
        }
        double wa;
        double wb;
        if (dot > 1.0 - 1e-10) { // angle below ~3e-5 rad: sin θ too small to divide by, lerp is exact to 1e-15
            wa = 1.0 - t;
            wb = t;
        } else {
            double theta = Math.acos(Math.min(1.0, dot));
            double s = Math.sin(theta);
            wa = Math.sin((1.0 - t) * theta) / s;
            wb = Math.sin(t * theta) / s;
        }
        for (int k = 0; k < 4; k++) {
            out[oi + k] = wa * a[ai + k] + sign * wb * b[bi + k];
        }
        normalize(out, oi);
    }

    /**
     * World-frame angular velocity that turns {@code q0} into {@code q1} in {@code dt}:
     * the rotation vector of {@code q1 ⊗ q0⁻¹} divided by dt (exact for a constant rate).
     */
    public static void angularVelocity(double[] q0, int i0, double[] q1, int i1, double dt, double[] out, int oi) {
        double[] conj0 = {q0[i0], -q0[i0 + 1], -q0[i0 + 2], -q0[i0 + 3]};
        double[] d = new double[4];
        FrameMath.multiply(q1, i1, conj0, 0, d, 0);
        if (d[0] < 0) { // shorter arc
            for (int k = 0; k < 4; k++) {
                d[k] = -d[k];
            }
        }
        double sinHalf = Math.sqrt(d[1] * d[1] + d[2] * d[2] + d[3] * d[3]);
        double angle = 2.0 * Math.atan2(sinHalf, d[0]);
        double scale = sinHalf < 1e-12 ? 2.0 : angle / sinHalf;
        out[oi] = d[1] * scale / dt;
        out[oi + 1] = d[2] * scale / dt;
        out[oi + 2] = d[3] * scale / dt;
    }

    /** z component of the body's up axis in world: 1 − 2(x² + y²); 1 means upright. */
    public static double upZ(double[] q, int at) {
        double x = q[at + 1], y = q[at + 2];
        return 1.0 - 2.0 * (x * x + y * y);
    }
}
