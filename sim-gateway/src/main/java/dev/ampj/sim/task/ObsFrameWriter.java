package dev.ampj.sim.task;

import dev.ampj.sim.env.ObsGroupSpec;
import java.util.function.Function;

/**
 * Writes an observation group's clean frame (its declared terms once each, in declaration order)
 * by each term's {@link ObsTermWriter}, at offsets taken from the declaration itself, so a term can
 * only land where the group declares it. A declared term without a writer, or one whose writer is
 * not as wide as the declared frame, fails at construction. Stateless, shared by all envs.
 */
final class ObsFrameWriter {

    private final ObsTermWriter[] writers;
    private final int[] offsets;
    private final int frameDim;

    /** {@code writerOf} gives a term's writer, or null when there is none. */
    ObsFrameWriter(ObsGroupSpec group, Function<String, ObsTermWriter> writerOf) {
        int n = group.slices().size();
        writers = new ObsTermWriter[n];
        offsets = new int[n];
        int at = 0;
        for (int k = 0; k < n; k++) {
            ObsGroupSpec.Slice s = group.slices().get(k);
            ObsTermWriter w = writerOf.apply(s.term());
            if (w == null) {
                throw new IllegalArgumentException("observation group " + group.name() + ": term '" + s.term()
                        + "' is declared but has no writer");
            }
            if (w.dim() != s.frameDim()) {
                throw new IllegalArgumentException("observation group " + group.name() + ": term '" + s.term()
                        + "' is declared " + s.frameDim() + " floats per frame but its writer gives " + w.dim());
            }
            writers[k] = w;
            offsets[k] = at;
            at += s.frameDim();
        }
        frameDim = at;
    }

    /** Floats of one frame. */
    int frameDim() {
        return frameDim;
    }

    /** The clean frame of {@code c} into {@code out[0 .. frameDim)}. */
    void write(TaskContext c, float[] out) {
        for (int k = 0; k < writers.length; k++) {
            writers[k].write(c, out, offsets[k]);
        }
    }
}
