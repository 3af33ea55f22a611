package dev.ampj.sim.terms;

/** Quaternion (w, x, y, z) helpers on flat double arrays; no allocation. */
public final class FrameMath {

    private FrameMath() {}

    /**
     * Writes {@code Rᵀ v} (world vector expressed in the body frame of {@code q}) into {@code out}.
     * Uses v' = v + 2w(t) + 2(u × t) with u = −q.xyz, t = u × v (rotation by the conjugate).
     */
    public static void rotateInverse(double[] q, int qo, double vx, double vy, double vz, double[] out, int oo) {
        double w = q[qo];
        double ux = -q[qo + 1];
        double uy = -q[qo + 2];
        double uz = -q[qo + 3];
        rotate(w, ux, uy, uz, vx, vy, vz, out, oo);
    }

    /** Writes {@code R v} (body vector expressed in the world) into {@code out}. */
    public static void rotate(double[] q, int qo, double vx, double vy, double vz, double[] out, int oo) {
        rotate(q[qo], q[qo + 1], q[qo + 2], q[qo + 3], vx, vy, vz, out, oo);
    }

    private static void rotate(double w, double ux, double uy, double uz, double vx, double vy, double vz,
            double[] out, int oo) {
        double tx = 2 * (uy * vz - uz * vy);
        double ty = 2 * (uz * vx - ux * vz);
        double tz = 2 * (ux * vy - uy * vx);
        out[oo] = vx + w * tx + (uy * tz - uz * ty);
        out[oo + 1] = vy + w * ty + (uz * tx - ux * tz);
        out[oo + 2] = vz + w * tz + (ux * ty - uy * tx);
    }

    /** Sets {@code q} (at {@code qo}) to the rotation of {@code angle} rad about the unit axis (ax, ay, az). */
    public static void axisAngle(double ax, double ay, double az, double angle, double[] q, int qo) {
        double h = 0.5 * angle;
        double s = StrictMath.sin(h);
        q[qo] = StrictMath.cos(h);
        q[qo + 1] = ax * s;
        q[qo + 2] = ay * s;
        q[qo + 3] = az * s;
    }

    /** Hamilton product {@code a ⊗ b} into {@code out} (out may not alias a or b). */
    public static void multiply(double[] a, int ao, double[] b, int bo, double[] out, int oo) {
        double aw = a[ao], ax = a[ao + 1], ay = a[ao + 2], az = a[ao + 3];
        double bw = b[bo], bx = b[bo + 1], by = b[bo + 2], bz = b[bo + 3];
        out[oo] = aw * bw - ax * bx - ay * by - az * bz;
        out[oo + 1] = aw * bx + ax * bw + ay * bz - az * by;
        out[oo + 2] = aw * by - ax * bz + ay * bw + az * bx;
        out[oo + 3] = aw * bz + ax * by - ay * bx + az * bw;
    }

    /** Pitch (rotation about world y) of a quaternion, from its rotated x axis; in (−π, π]. */
    public static double pitch(double[] q, int qo) {
        double w = q[qo], x = q[qo + 1], y = q[qo + 2], z = q[qo + 3];
        // R[2][0] = 2(xz - wy); R[0][0] = 1 - 2(y² + z²): x axis tilts down by pitch.
        double r20 = 2 * (x * z - w * y);
        double r00 = 1 - 2 * (y * y + z * z);
        return StrictMath.atan2(-r20, r00);
    }
}
