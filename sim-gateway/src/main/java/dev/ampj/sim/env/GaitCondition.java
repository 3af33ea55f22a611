package dev.ampj.sim.env;

import java.util.Arrays;
import java.util.List;

/**
 * The gait a commanded speed asks for, as the discriminator sees it ({@code
 * amp.sim.observations.amp-gait-condition}): one column per reference clip, 1 for the clip whose
 * mean forward speed is nearest the command (the lower index on a tie), 0 elsewhere. Appended to
 * every AMP state, the env's (from its episode's command) and the reference's (from the clip a pair
 * is cut from), so the discriminator judges a march commanded at the march's speed against the
 * march alone: one discriminator over several gaits otherwise settles on whichever gait the policy
 * shows and lets the other come and go (Multi-AMP's per-style discriminators, as one network with a
 * style input). A function of the command only, which the policy observes, so equal observations
 * never meet different conditions. Immutable, shared by all envs.
 */
public final class GaitCondition {

    /**
     * {@code amp.sim.observations.amp-gait-condition}: {@code auto} conditions whenever it can (the
     * embedded task with kinematic reference clips), {@code true} requires it, {@code false} never.
     */
    public enum Mode {
        AUTO, ON, OFF;

        /** Parses {@code auto}, or a HOCON boolean ({@code true/false, on/off, yes/no}); {@code key} names it in errors. */
        public static Mode parse(Object value, String key) {
            String v = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
            return switch (v) {
                case "auto" -> AUTO;
                case "true", "on", "yes" -> ON;
                case "false", "off", "no" -> OFF;
                default -> throw new IllegalArgumentException(key + " = " + value + ": expected auto, true or false");
            };
        }
    }

    /** Name of the AMP term the condition is declared as (after the configured terms). */
    public static final String TERM = "gait_condition";

    private static final GaitCondition NONE = new GaitCondition(List.of(), new double[0]);

    private final List<String> clips;
    private final double[] speeds;

    private GaitCondition(List<String> clips, double[] speeds) {
        this.clips = List.copyOf(clips);
        this.speeds = speeds.clone();
    }

    /** No condition: width 0. */
    public static GaitCondition none() {
        return NONE;
    }

    /** One class per clip, {@code speeds[i]} the mean forward speed (m/s) of clip {@code clips[i]}. */
    public static GaitCondition of(List<String> clips, double[] speeds) {
        if (clips.size() != speeds.length || clips.isEmpty()) {
            throw new IllegalArgumentException("gait condition: " + clips.size() + " clips and " + speeds.length
                    + " speeds; expected one speed per clip and at least one clip");
        }
        for (int i = 0; i < speeds.length; i++) {
            if (!Double.isFinite(speeds[i])) {
                throw new IllegalArgumentException("gait condition: clip " + clips.get(i) + " has mean speed " + speeds[i]);
            }
        }
        return new GaitCondition(clips, speeds);
    }

    /** Columns appended to each AMP state (0 without a condition). */
    public int width() {
        return speeds.length;
    }

    public boolean isNone() {
        return speeds.length == 0;
    }

    /** The clip a commanded forward speed asks for: the nearest mean speed, the lower index on a tie. */
    public int classOf(double command) {
        int best = 0;
        for (int i = 1; i < speeds.length; i++) {
            if (Math.abs(command - speeds[i]) < Math.abs(command - speeds[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Writes the one-hot of class {@code cls} into {@code out[off .. off + width)}. */
    public void write(int cls, float[] out, int off) {
        Arrays.fill(out, off, off + speeds.length, 0f);
        out[off + cls] = 1f;
    }

    /**
     * Writes a reference AMP state: row {@code row} of clip {@code clip}'s state table ({@code termDim}
     * floats a row) into row {@code outRow} of {@code out} ({@code termDim + width()} floats a row),
     * followed by that clip's one-hot. The one place reference states get their condition, for the
     * sampled expert pairs and the whole-clip reference alike.
     */
    public void writeReferenceState(int clip, float[] table, int row, int termDim, float[] out, int outRow) {
        int off = outRow * (termDim + speeds.length);
        System.arraycopy(table, row * termDim, out, off, termDim);
        if (speeds.length > 0) {
            write(clip, out, off + termDim);
        }
    }

    /** Writes the condition of a commanded speed. */
    public void writeCommand(double command, float[] out, int off) {
        if (speeds.length > 0) {
            write(classOf(command), out, off);
        }
    }

    public List<String> clips() {
        return clips;
    }

    public double speed(int cls) {
        return speeds[cls];
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("GaitCondition[");
        for (int i = 0; i < speeds.length; i++) {
            b.append(i == 0 ? "" : ", ").append(clips.get(i)).append('=').append(speeds[i]);
        }
        return b.append(']').toString();
    }
}
