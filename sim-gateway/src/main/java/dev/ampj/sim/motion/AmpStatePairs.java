package dev.ampj.sim.motion;

import java.util.List;

/** Seed 002's {@code states} / {@code next_states}: N expert (s, s′) pairs of D values, row-major. */
public record AmpStatePairs(String source, float[] states, float[] nextStates, int count, int dim, List<String> warnings)
        implements ReferenceMotion {

    public AmpStatePairs {
        if ((long) count * dim != states.length || states.length != nextStates.length) {
            throw new IllegalArgumentException(source + ": " + count + "x" + dim + " state pairs need " + (long) count * dim + " values per side");
        }
        warnings = List.copyOf(warnings);
    }

    @Override
    public MotionFormat format() {
        return MotionFormat.STATE_PAIRS;
    }
}
