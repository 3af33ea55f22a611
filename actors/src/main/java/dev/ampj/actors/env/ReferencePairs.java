package dev.ampj.actors.env;

import java.util.List;

/**
 * The reference motion as evaluation sees it: every expert AMP pair (s, s′), clip by clip in time
 * order, through the same AMP observation terms as the env. Time order lets the style distance's
 * floor compare the first half of each clip with its second half.
 *
 * @param dim   floats per AMP state
 * @param clips the clips, in library order
 * @param jointNames names of the AMP observation's joint_pos columns, in order (empty without that term)
 */
public record ReferencePairs(int dim, List<Clip> clips, List<String> jointNames) {

    /** One clip's pairs: {@code pairs × dim} floats each, pair i = (states[i], nextStates[i]). */
    public record Clip(String source, float[] states, float[] nextStates, int pairs) {}

    public ReferencePairs {
        clips = List.copyOf(clips);
        jointNames = List.copyOf(jointNames);
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("the reference motion has no clips");
        }
    }

    public int pairs() {
        return clips.stream().mapToInt(Clip::pairs).sum();
    }

    /** All pairs as transition features [s, s′] ({@code pairs() × 2·dim}). */
    public float[] features() {
        return features(0, 1);
    }

    /**
     * Transition features of the part {@code [from, to)} (fractions of each clip's length) of every
     * clip, concatenated: e.g. (0, 0.5) and (0.5, 1) are two disjoint halves of the reference.
     */
    public float[] features(double from, double to) {
        int total = 0;
        for (Clip c : clips) {
            total += end(c, to) - end(c, from);
        }
        float[] out = new float[total * 2 * dim];
        int row = 0;
        for (Clip c : clips) {
            for (int i = end(c, from); i < end(c, to); i++, row++) {
                System.arraycopy(c.states(), i * dim, out, row * 2 * dim, dim);
                System.arraycopy(c.nextStates(), i * dim, out, row * 2 * dim + dim, dim);
            }
        }
        return out;
    }

    /** Rows of {@link #features(double, double)}. */
    public int count(double from, double to) {
        int total = 0;
        for (Clip c : clips) {
            total += end(c, to) - end(c, from);
        }
        return total;
    }

    private static int end(Clip c, double fraction) {
        return (int) Math.floor(c.pairs() * fraction);
    }
}
