package dev.ampj.actors.eval;

/**
 * Stepping frequency of a gait: the frequency of the largest peak of its joint angles' summed power
 * spectrum (each joint's mean removed, Hann window), searched on a 0.01 Hz grid over
 * {@value #MIN_HZ}–{@value #MAX_HZ} Hz. Every joint of a leg moves once per stride, so the peak is the
 * stride frequency. The AMP pair (s, s′) sees one control step, so a policy can match the reference's
 * poses and ranges at another cadence; this says whether it does.
 */
final class Cadence {

    static final double MIN_HZ = 0.25;
    static final double MAX_HZ = 4.0;
    /** Bins per Hz: the grid is in hundredths of a hertz, so a result prints as it is (1.39, not 1.3900000000000001). */
    private static final int PER_HZ = 100;

    private Cadence() {}

    /**
     * The dominant frequency (Hz) of {@code joints} columns starting at {@code offset} of rows
     * {@code from} (inclusive) to {@code to} (exclusive), each {@code rowWidth} floats, one row every
     * {@code dt} seconds; NaN with fewer than two rows.
     */
    static double dominantHz(float[] rows, int rowWidth, int offset, int joints, int from, int to, double dt) {
        int n = to - from;
        if (n < 2 || joints == 0) {
            return Double.NaN;
        }
        double[][] x = new double[joints][n];
        for (int j = 0; j < joints; j++) {
            double mean = 0;
            for (int t = 0; t < n; t++) {
                mean += rows[(from + t) * rowWidth + offset + j];
            }
            mean /= n;
            for (int t = 0; t < n; t++) {
                double hann = 0.5 - 0.5 * StrictMath.cos(2 * Math.PI * t / (n - 1));
                x[j][t] = (rows[(from + t) * rowWidth + offset + j] - mean) * hann;
            }
        }
        int first = (int) Math.round(MIN_HZ * PER_HZ);
        int last = (int) Math.round(MAX_HZ * PER_HZ);
        double best = Double.NaN;
        double bestPower = -1;
        for (int b = first; b <= last; b++) {
            double hz = (double) b / PER_HZ;
            double[] re = new double[joints];
            double[] im = new double[joints];
            for (int t = 0; t < n; t++) {
                double phase = 2 * Math.PI * hz * t * dt;
                double c = StrictMath.cos(phase);
                double s = StrictMath.sin(phase);
                for (int j = 0; j < joints; j++) {
                    re[j] += x[j][t] * c;
                    im[j] += x[j][t] * s;
                }
            }
            double power = 0;
            for (int j = 0; j < joints; j++) {
                power += re[j] * re[j] + im[j] * im[j];
            }
            if (power > bestPower) {
                bestPower = power;
                best = hz;
            }
        }
        return best;
    }
}
