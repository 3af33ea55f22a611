package dev.ampj.sim.robot;

/**
 * Maps between the project's world frame (x forward, y left, z up; what kinematic frames and AMP
 * terms use) and the ODE world the robots are built in (x forward, y up, z right).
 *
 * <p>Why: ODE's plane-2D joint keeps a body in the ODE plane z = 0 rotating about z only; with
 * gravity along −y that plane is the sagittal plane, which is how planar robots are held (like
 * walker2d). The map is the proper rotation (x, y, z)_frame = (x, −z, y)_ode, so vectors and
 * quaternion vector parts transform alike.
 */
public final class YUpAxes {

    private YUpAxes() {}

    /** Frame vector from ODE components, into {@code out[o..o+2]}. */
    public static void toFrame(double ox, double oy, double oz, double[] out, int o) {
        out[o] = ox;
        out[o + 1] = -oz;
        out[o + 2] = oy;
    }

    /** Frame quaternion (w, x, y, z) from an ODE quaternion (w, x, y, z). */
    public static void quatToFrame(double w, double ox, double oy, double oz, double[] out, int o) {
        out[o] = w;
        out[o + 1] = ox;
        out[o + 2] = -oz;
        out[o + 3] = oy;
    }

    /** ODE vector from frame components, into {@code out[o..o+2]}. */
    public static void toOde(double fx, double fy, double fz, double[] out, int o) {
        out[o] = fx;
        out[o + 1] = fz;
        out[o + 2] = -fy;
    }

    /** ODE quaternion (w, x, y, z) from a frame quaternion. */
    public static void quatToOde(double w, double fx, double fy, double fz, double[] out, int o) {
        out[o] = w;
        out[o + 1] = fx;
        out[o + 2] = fz;
        out[o + 3] = -fy;
    }
}
