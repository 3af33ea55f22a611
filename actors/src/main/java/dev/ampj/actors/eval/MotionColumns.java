package dev.ampj.actors.eval;

import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * The motion part of transition features [s, s′]: every AMP column but a gait condition's (the
 * command's class, not motion), so style distances of conditioned and unconditioned runs compare
 * the same quantities. Without a condition, features pass through unchanged.
 */
record MotionColumns(int ampDim, int[] cols) {

    static MotionColumns of(VecEnvSpec spec) {
        ObsGroupSpec.Slice c = spec.amp().find(GaitCondition.TERM);
        if (c == null) {
            return new MotionColumns(spec.ampDim(), null);
        }
        if (c.offset() + c.dim() != spec.ampDim()) {
            throw new IllegalStateException("the gait condition must be the last AMP term: " + spec.amp().slices());
        }
        int keep = c.offset();
        int[] cols = new int[2 * keep];
        for (int i = 0; i < keep; i++) {
            cols[i] = i;
            cols[keep + i] = spec.ampDim() + i;
        }
        return new MotionColumns(spec.ampDim(), cols);
    }

    /** Floats per transition feature after {@link #apply}. */
    int width() {
        return cols == null ? 2 * ampDim : cols.length;
    }

    /** Rows of [s, s′] ({@code 2·ampDim} floats each) without the condition columns of s and s′. */
    float[] apply(float[] rows) {
        if (cols == null) {
            return rows;
        }
        return PolicyEvaluator.columns(rows, rows.length / (2 * ampDim), 2 * ampDim, cols);
    }
}
