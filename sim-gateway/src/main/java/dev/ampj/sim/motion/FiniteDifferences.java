package dev.ampj.sim.motion;

/**
 * Velocities from positions sampled at a fixed rate, for formats that do not store them: central
 * differences inside the clip, one-sided at the ends. Angular velocity comes from the rotation
 * vector between successive quaternions (world frame), averaged over both neighbours inside the
 * clip, so a constant rotation rate comes out exactly.
 */
public final class FiniteDifferences {

    private FiniteDifferences() {}

    /** d/dt of {@code x} laid out as [frames][width]. A single frame has zero velocity. */
    public static double[] linear(double[] x, int frames, int width, double fps) {
        double[] v = new double[x.length];
        if (frames < 2) {
            return v;
        }
        for (int f = 0; f < frames; f++) {
            int a = Math.max(f - 1, 0);
            int b = Math.min(f + 1, frames - 1);
            double dt = (b - a) / fps;
            for (int k = 0; k < width; k++) {
                v[f * width + k] = (x[b * width + k] - x[a * width + k]) / dt;
            }
        }
        return v;
    }

    /** World angular velocity of {@code bodies} quaternion tracks laid out as [frames][bodies][4] (wxyz). */
    public static double[] angular(double[] q, int frames, int bodies, double fps) {
        double[] w = new double[frames * bodies * 3];
        if (frames < 2) {
            return w;
        }
        double dt = 1.0 / fps;
        double[] fwd = new double[3];
        double[] bwd = new double[3];
        for (int f = 0; f < frames; f++) {
            for (int b = 0; b < bodies; b++) {
                int o = (f * bodies + b) * 3;
                boolean hasNext = f + 1 < frames;
                boolean hasPrev = f > 0;
                if (hasNext) {
                    Quaternions.angularVelocity(q, (f * bodies + b) * 4, q, ((f + 1) * bodies + b) * 4, dt, fwd, 0);
                }
                if (hasPrev) {
                    Quaternions.angularVelocity(q, ((f - 1) * bodies + b) * 4, q, (f * bodies + b) * 4, dt, bwd, 0);
                }
                for (int k = 0; k < 3; k++) {
                    w[o + k] = hasNext && hasPrev ? 0.5 * (fwd[k] + bwd[k]) : hasNext ? fwd[k] : bwd[k];
                }
            }
        }
        return w;
    }
}
