package dev.ampj.sim.env;

import java.util.ArrayList;
import java.util.List;

/**
 * The AMP state's layout over time ({@code amp.sim.observations.amp-history-length} = k): the AMP
 * terms of the newest frame, where they sit without history, then the k − 1 older frames, oldest
 * first, as one term {@value #HISTORY_TERM}, then the {@link GaitCondition}. Whatever reads a term of
 * the current state (evaluation, poses, probes) finds it at the same offset for every k; k = 1 is the
 * single-frame state, float for float. The one place both sides build their states: the env from its
 * last frames, the reference from consecutive rows of a clip's table. Immutable, shared.
 */
public final class AmpWindow {

    /** Name of the older frames' term (after the newest frame's terms, before the condition). */
    public static final String HISTORY_TERM = "amp_history";

    private final int termDim;
    private final int history;
    private final GaitCondition condition;

    private AmpWindow(int termDim, int history, GaitCondition condition) {
        this.termDim = termDim;
        this.history = history;
        this.condition = condition;
    }

    /** States of {@code history} frames of {@code termDim} floats, then {@code condition}. */
    public static AmpWindow of(int termDim, int history, GaitCondition condition) {
        if (termDim <= 0 || history <= 0) {
            throw new IllegalArgumentException("AMP window of " + history + " frames of " + termDim
                    + " floats: expected positive sizes");
        }
        return new AmpWindow(termDim, history, condition);
    }

    /** Single-frame states. */
    public static AmpWindow single(int termDim, GaitCondition condition) {
        return of(termDim, 1, condition);
    }

    /** Floats per AMP state. */
    public int dim() {
        return termDim * history + condition.width();
    }

    /** Floats of one frame of the AMP terms. */
    public int termDim() {
        return termDim;
    }

    /** Frames per state (k). */
    public int history() {
        return history;
    }

    public GaitCondition condition() {
        return condition;
    }

    /** The first row of a clip's frame table that has a full window (its k − 1 predecessors). */
    public int firstRow() {
        return history - 1;
    }

    /** The group spec: the frame's terms ({@code names}, {@code dims}), the older frames, the condition. */
    public ObsGroupSpec spec(List<String> names, List<Integer> dims) {
        List<String> terms = new ArrayList<>(names);
        List<Integer> frameDims = new ArrayList<>(dims);
        List<Integer> histories = new ArrayList<>(java.util.Collections.nCopies(names.size(), 1));
        if (history > 1) {
            terms.add(HISTORY_TERM);
            frameDims.add(termDim);
            histories.add(history - 1);
        }
        if (!condition.isNone()) {
            terms.add(GaitCondition.TERM);
            frameDims.add(condition.width());
            histories.add(1);
        }
        return ObsGroupSpec.of("amp", terms, frameDims, histories);
    }

    /**
     * Writes the reference state at row {@code row} of clip {@code clip}'s frame table ({@code termDim}
     * floats a row, {@code row >= firstRow()}) into row {@code outRow} of {@code out} ({@link #dim()}
     * floats a row): that frame, its k − 1 predecessors, the clip's one-hot.
     */
    public void writeReference(int clip, float[] table, int row, float[] out, int outRow) {
        if (row < history - 1) {
            throw new IllegalArgumentException("row " + row + " has " + row + " frames before it; a window of " + history
                    + " needs " + (history - 1));
        }
        int off = outRow * dim();
        System.arraycopy(table, row * termDim, out, off, termDim);
        System.arraycopy(table, (row - history + 1) * termDim, out, off + termDim, (history - 1) * termDim);
        if (!condition.isNone()) {
            condition.write(clip, out, off + termDim * history);
        }
    }

    /**
     * Writes an env's state: {@code frames} holds its last k frames oldest first ({@code k × termDim}
     * floats), {@code command} its episode's commanded speed.
     */
    public void writeEnv(float[] frames, double command, float[] out, int off) {
        System.arraycopy(frames, (history - 1) * termDim, out, off, termDim);
        System.arraycopy(frames, 0, out, off + termDim, (history - 1) * termDim);
        condition.writeCommand(command, out, off + termDim * history);
    }
}
