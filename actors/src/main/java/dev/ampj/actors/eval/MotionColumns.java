package dev.ampj.actors.eval;

import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * The motion part of transition features [s, s′]: every AMP column but a gait condition's (the
 * command's class, not motion), so style distances of conditioned and unconditioned runs compare
 * the same quantities. Without a condition, features pass through unchanged.
 */
record MotionColumns(int ampDim, int keep) {

    static MotionColumns of(VecEnvSpec spec) {
        ObsGroupSpec.Slice c = spec.amp().find(GaitCondition.TERM);
        if (c != null && c.offset() + c.dim() != spec.ampDim()) {
            throw new IllegalStateException("the gait condition must be the last AMP term: " + spec.amp().slices());
        }
        return new MotionColumns(spec.ampDim(), c == null ? spec.ampDim() : c.offset());
    }

    /** Floats per transition feature after {@link #apply}. */
    int width() {
        return 2 * keep;
    }

    /** Rows of [s, s′] ({@code 2·ampDim} floats each) without the condition columns of s and s′. */
    float[] apply(float[] rows) {
        if (keep == ampDim) {
            return rows;
        }
        int n = rows.length / (2 * ampDim);
        float[] out = new float[n * 2 * keep];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows, r * 2 * ampDim, out, r * 2 * keep, keep);
            System.arraycopy(rows, r * 2 * ampDim + ampDim, out, r * 2 * keep + keep, keep);
        }
        return out;
    }
}
