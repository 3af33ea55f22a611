package dev.ampj.sim.task;

import dev.ampj.sim.env.ObsGroupSpec;
import java.nio.ByteBuffer;

/**
 * One env's observation history of a group, kept in the group's row layout: per term its last
 * {@code history} processed frames, oldest first (Isaac Lab's {@code CircularBuffer} flattened).
 * A reset fills every frame with the episode's first observation.
 *
 * <p>State: the frames older than the newest ({@link #olderFloats()} floats). The newest is a
 * function of the env's state and noise stream, so a restore recomputes it ({@link #replaceNewest}).
 */
final class ObsHistory {

    private final ObsGroupSpec.Slice[] slices;
    private final float[] row;
    private final int olderFloats;

    ObsHistory(ObsGroupSpec spec) {
        this.slices = spec.slices().toArray(new ObsGroupSpec.Slice[0]);
        this.row = new float[spec.dim()];
        int older = 0;
        for (ObsGroupSpec.Slice s : slices) {
            older += s.dim() - s.frameDim();
        }
        this.olderFloats = older;
    }

    /** Every frame of every term := {@code frame} (a processed frame: the terms once each, in order). */
    void fill(float[] frame) {
        int f = 0;
        for (ObsGroupSpec.Slice s : slices) {
            for (int h = 0; h < s.history(); h++) {
                System.arraycopy(frame, f, row, s.offset() + h * s.frameDim(), s.frameDim());
            }
            f += s.frameDim();
        }
    }

    /** Drops each term's oldest frame and appends {@code frame}'s values as the newest. */
    void push(float[] frame) {
        int f = 0;
        for (ObsGroupSpec.Slice s : slices) {
            System.arraycopy(row, s.offset() + s.frameDim(), row, s.offset(), s.dim() - s.frameDim());
            System.arraycopy(frame, f, row, s.latest(), s.frameDim());
            f += s.frameDim();
        }
    }

    /** Overwrites each term's newest frame (a restore recomputing the current observation). */
    void replaceNewest(float[] frame) {
        int f = 0;
        for (ObsGroupSpec.Slice s : slices) {
            System.arraycopy(frame, f, row, s.latest(), s.frameDim());
            f += s.frameDim();
        }
    }

    /** The stacked row into {@code dst[off ..]}. */
    void write(float[] dst, int off) {
        System.arraycopy(row, 0, dst, off, row.length);
    }

    /** Floats of the frames older than the newest: what a snapshot carries. */
    int olderFloats() {
        return olderFloats;
    }

    void writeOlder(ByteBuffer out) {
        for (ObsGroupSpec.Slice s : slices) {
            for (int i = s.offset(); i < s.latest(); i++) {
                out.putFloat(row[i]);
            }
        }
    }

    /** Reads what {@link #writeOlder} wrote; the newest frames are left for {@link #replaceNewest}. */
    void readOlder(ByteBuffer in) {
        for (ObsGroupSpec.Slice s : slices) {
            for (int i = s.offset(); i < s.latest(); i++) {
                row[i] = in.getFloat();
            }
        }
    }

    /** Skips a {@link #writeOlder} block; false if a value is not finite. */
    boolean checkOlder(ByteBuffer in) {
        boolean ok = true;
        for (int i = 0; i < olderFloats; i++) {
            ok &= Float.isFinite(in.getFloat());
        }
        return ok;
    }
}
