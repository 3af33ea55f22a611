package dev.ampj.sim.motion;

import java.util.Locale;

/**
 * Component order of quaternions in a file. Internally every quaternion is {@link #WXYZ}
 * (scalar first, Isaac Lab and ode4j); amp-rsl-rl files are {@link #XYZW} (SciPy).
 */
public enum QuatOrder {
    WXYZ, XYZW;

    /** Parses "wxyz"/"xyzw" (any case); the error lists both. */
    public static QuatOrder parse(String s, String where) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": quaternion order '" + s + "' is not one of [wxyz, xyzw]");
        }
    }

    public QuatOrder other() {
        return this == WXYZ ? XYZW : WXYZ;
    }

    /** Copies {@code q[at..at+4)} given in this order into {@code out[o..o+4)} as w, x, y, z. */
    public void toWxyz(double[] q, int at, double[] out, int o) {
        if (this == WXYZ) {
            System.arraycopy(q, at, out, o, 4);
        } else {
            double x = q[at], y = q[at + 1], z = q[at + 2], w = q[at + 3];
            out[o] = w;
            out[o + 1] = x;
            out[o + 2] = y;
            out[o + 3] = z;
        }
    }

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
