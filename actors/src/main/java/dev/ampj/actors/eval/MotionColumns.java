package dev.ampj.actors.eval;

import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * The motion part of transition features [s, s′]: the AMP terms of each state's newest frame, without
 * its older frames ({@link AmpWindow#HISTORY_TERM}, which the neighbouring transitions hold) and a
 * gait condition's columns (the command's class, not motion), so style distances of conditioned and
 * unconditioned runs, and of any AMP history length, compare the same quantities. Features of
 * single-frame states without a condition pass through unchanged.
 */
record MotionColumns(int ampDim, int[] cols) {

    static MotionColumns of(VecEnvSpec spec) {
        ObsGroupSpec.Slice c = spec.amp().find(GaitCondition.TERM);
        if (c != null && c.offset() + c.dim() != spec.ampDim()) {
            throw new IllegalStateException("the gait condition must be the last AMP term: " + spec.amp().slices());
        }
        ObsGroupSpec.Slice older = spec.amp().find(AmpWindow.HISTORY_TERM); // always before the condition
        int keep = older != null ? older.offset() : c != null ? c.offset() : spec.ampDim();
        if (keep == spec.ampDim()) {
            return new MotionColumns(spec.ampDim(), null);
        }
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

    /** Rows of [s, s′] ({@code 2·ampDim} floats each) without the older frames and condition columns of s and s′. */
    float[] apply(float[] rows) {
        if (cols == null) {
            return rows;
        }
        return PolicyEvaluator.columns(rows, rows.length / (2 * ampDim), 2 * ampDim, cols);
    }
}
