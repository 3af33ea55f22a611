package dev.ampj.sim.task;

import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * One env's last k frames of the AMP terms, oldest first ({@code amp-history-length} = k): what its
 * AMP row is written from ({@link dev.ampj.sim.env.AmpWindow#writeEnv}). A reset fills every frame
 * with the episode's first (Isaac Lab's history reset), a reference start with the reference's
 * frames before it (HumanoidAMP's).
 *
 * <p>State: the frames older than the newest ({@link #olderFloats()} floats, none for k = 1). The
 * newest is a function of the env's state, so a restore recomputes it ({@link #replaceNewest}).
 */
final class AmpFrames {

    private final AmpObservation amp;
    private final int termDim;
    private final int newest;
    private final float[] frames;

    AmpFrames(AmpObservation amp, int history) {
        this.amp = amp;
        this.termDim = amp.dim();
        this.newest = (history - 1) * termDim;
        this.frames = new float[history * termDim];
    }

    /** Every frame := the AMP terms of {@code frame}. */
    void fill(KinematicFrame frame) {
        amp.compute(frame, frames, newest);
        for (int off = 0; off < newest; off += termDim) {
            System.arraycopy(frames, newest, frames, off, termDim);
        }
    }

    /**
     * The newest frame := the AMP terms of {@code frame}, the older ones those of {@code before}
     * ({@code before[i]} the state {@code i + 1} steps earlier; at least k − 1 of them).
     */
    void fill(KinematicFrame frame, KinematicFrame[] before) {
        amp.compute(frame, frames, newest);
        for (int off = 0, back = newest / termDim; off < newest; off += termDim, back--) {
            amp.compute(before[back - 1], frames, off);
        }
    }

    /** Drops the oldest frame and appends the AMP terms of {@code frame} as the newest. */
    void push(KinematicFrame frame) {
        System.arraycopy(frames, termDim, frames, 0, newest);
        amp.compute(frame, frames, newest);
    }

    /** Overwrites the newest frame (a restore recomputing the current state's terms). */
    void replaceNewest(KinematicFrame frame) {
        amp.compute(frame, frames, newest);
    }

    /** The k frames, oldest first (read-only use). */
    float[] frames() {
        return frames;
    }

    /** Floats of the frames older than the newest: what a snapshot carries. */
    int olderFloats() {
        return newest;
    }
}
