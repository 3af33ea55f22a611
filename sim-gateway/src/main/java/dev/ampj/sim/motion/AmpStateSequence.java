package dev.ampj.sim.motion;

import java.util.List;

/**
 * Seed 001's {@code amp_states}: T consecutive AMP observations of D values, row-major, sampled
 * every {@code dt} seconds (NaN when the file does not say). Consecutive rows form expert pairs.
 */
public record AmpStateSequence(String source, float[] states, int frames, int dim, double dt, List<String> warnings)
        implements ReferenceMotion {

    public AmpStateSequence {
        if ((long) frames * dim != states.length) {
            throw new IllegalArgumentException(source + ": " + frames + "x" + dim + " AMP states need " + (long) frames * dim + " values");
        }
        warnings = List.copyOf(warnings);
    }

    @Override
    public MotionFormat format() {
        return MotionFormat.AMP_STATES;
    }

    public boolean hasDt() {
        return !Double.isNaN(dt);
    }
}
