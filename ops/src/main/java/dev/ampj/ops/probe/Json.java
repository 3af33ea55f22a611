package dev.ampj.ops.probe;

/** Number formatting for the probe's JSON lines. */
final class Json {

    private Json() {}

    /** A finite value as Java prints it (round-trips), else {@code null}. */
    static String num(float v) {
        return Float.isFinite(v) ? Float.toString(v) : "null";
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
