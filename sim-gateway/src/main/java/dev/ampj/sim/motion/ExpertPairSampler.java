package dev.ampj.sim.motion;

import dev.ampj.common.RandomStream;
import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.KinematicFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Expert (s, s′) AMP pairs for the discriminator, drawn from a {@link MotionLibrary}. Kinematic
 * clips are turned into AMP states once, at construction, by the very {@link AmpObservation} the
 * env uses (one term registry, two users), so reference and policy states cannot disagree; files
 * already in AMP-state form must have the observation's dimension.
 *
 * <p>Each pair costs two draws of one counter-based stream: a clip by weight, then a pair of
 * consecutive control-rate frames (or a stored pair) uniformly within it. The stream's position is
 * the sampler's whole state: {@link #position()} checkpoints it, {@link #seek(long)} restores it.
 * Not thread-safe (one owner per stream).
 */
public final class ExpertPairSampler {

    /** Purpose of the stream: (run seed, "motion.expert"). */
    public static final String PURPOSE = "motion.expert";

    private final MotionLibrary library;
    /** Floats per AMP state: the observation's terms over the window's frames, then the gait condition. */
    private final int dim;
    private final AmpWindow window;
    private final List<float[]> first = new ArrayList<>();
    private final List<float[]> second = new ArrayList<>();
    private final int[] pairs;
    /** Per clip: s′ is the next row of the same table (frames) rather than the same row of a second one (stored pairs). */
    private final boolean[] consecutive;
    private final double[] cumulative;
    private RandomStream rng;

    public ExpertPairSampler(MotionLibrary library, AmpObservation observation, long seed) {
        this(library, observation, GaitCondition.none(), seed);
    }

    /** Pairs whose states end with {@code condition}'s one-hot of the clip they are cut from. */
    public ExpertPairSampler(MotionLibrary library, AmpObservation observation, GaitCondition condition, long seed) {
        this(library, observation, condition, RandomStream.of(seed, PURPOSE));
    }

    public ExpertPairSampler(MotionLibrary library, AmpObservation observation, RandomStream rng) {
        this(library, observation, GaitCondition.none(), rng);
    }

    public ExpertPairSampler(MotionLibrary library, AmpObservation observation, GaitCondition condition, RandomStream rng) {
        this(library, observation, AmpWindow.single(observation.dim(), condition), rng);
    }

    /** Pairs of {@code window}'s states (its frames cut from consecutive rows, its condition the clip's). */
    public ExpertPairSampler(MotionLibrary library, AmpObservation observation, AmpWindow window, long seed) {
        this(library, observation, window, RandomStream.of(seed, PURPOSE));
    }

    public ExpertPairSampler(MotionLibrary library, AmpObservation observation, AmpWindow window, RandomStream rng) {
        GaitCondition condition = window.condition();
        if (!condition.isNone() && condition.width() != library.size()) {
            throw new IllegalArgumentException("gait condition over " + condition.width() + " clips, library holds " + library.size());
        }
        if (window.termDim() != observation.dim()) {
            throw new IllegalArgumentException("AMP window of " + window.termDim() + "-float frames for an observation of " + observation.dim());
        }
        this.library = library;
        this.window = window;
        this.dim = window.dim();
        this.rng = rng;
        this.pairs = new int[library.size()];
        this.consecutive = new boolean[library.size()];
        this.cumulative = library.cumulative(false);
        boolean needsBodies = observation.termNames().stream().anyMatch(t -> t.startsWith("body_"));
        for (int c = 0; c < library.size(); c++) {
            LibraryClip clip = library.clips().get(c);
            pairs[c] = windowPairs(clip, window);
            if (clip.isKinematic()) {
                if (needsBodies && !clip.hasAllBodies(library.layout().numBodies())) {
                    throw new MotionFileException(clip.source(), null, "holds only root and joint motion, but the AMP observation "
                            + observation.termNames() + " needs body poses; use terms without body_* with this file");
                }
                float[] table = clipStates(library, c, observation);
                first.add(table);
                second.add(table);
                consecutive[c] = true;
            } else if (clip.states() != null) {
                requireDim(clip, clip.states().dim(), observation);
                first.add(clip.states().states());
                second.add(clip.states().states());
                consecutive[c] = true;
            } else {
                requireDim(clip, clip.pairs().dim(), observation);
                first.add(clip.pairs().states());
                second.add(clip.pairs().nextStates());
            }
        }
    }

    /**
     * Pairs of {@code window}'s states clip {@code clip} holds: one fewer per older frame, since a state
     * needs its predecessors. Stored (s, s′) pairs carry no predecessors, so they allow single frames only.
     */
    public static int windowPairs(LibraryClip clip, AmpWindow window) {
        int older = window.history() - 1;
        if (older == 0) {
            return clip.pairCount();
        }
        if (clip.pairs() != null) {
            throw new MotionFileException(clip.source(), null, "holds (s, s') pairs without the frames before them, but "
                    + "amp.sim.observations.amp-history-length = " + window.history() + " needs consecutive frames (a motion "
                    + "clip or amp_states); set it to 1 for this file");
        }
        int n = clip.pairCount() - older;
        if (n <= 0) {
            throw new MotionFileException(clip.source(), null, "holds " + clip.frames() + " frames, but amp.sim.observations"
                    + ".amp-history-length = " + window.history() + " needs at least " + (window.history() + 1));
        }
        return n;
    }

    private static void requireDim(LibraryClip clip, int fileDim, AmpObservation obs) {
        if (fileDim != obs.dim()) {
            throw new MotionFileException(clip.source(), null, "holds " + fileDim + "-dim AMP states but the configured AMP observation "
                    + obs.termNames() + " has " + obs.dim() + " (" + obs.describe() + ")");
        }
    }

    /** AMP states of every control-rate frame of kinematic clip {@code c}, row-major (what pairs are cut from). */
    public static float[] clipStates(MotionLibrary library, int c, AmpObservation observation) {
        int frames = library.clips().get(c).frames();
        int d = observation.dim();
        float[] out = new float[frames * d];
        KinematicFrame frame = new KinematicFrame(library.layout());
        for (int f = 0; f < frames; f++) {
            library.frame(c, f, frame);
            observation.compute(frame, out, f * d);
        }
        return out;
    }

    public int dim() {
        return dim;
    }

    /**
     * Writes {@code n} expert pairs: row i of {@code states} (n × dim floats from offset 0) is s and
     * the same row of {@code nextStates} is s′, one control step later.
     */
    public void sample(int n, float[] states, float[] nextStates) {
        if (states.length < (long) n * dim || nextStates.length < (long) n * dim) {
            throw new IllegalArgumentException("buffers hold " + states.length + " and " + nextStates.length + " floats; "
                    + n + " pairs of " + dim + " need " + (long) n * dim);
        }
        for (int i = 0; i < n; i++) {
            int c = MotionLibrary.pick(cumulative, rng.nextDouble());
            int p = window.firstRow() + rng.nextInt(pairs[c]);
            int next = consecutive[c] ? p + 1 : p;
            window.writeReference(c, first.get(c), p, states, i);
            window.writeReference(c, second.get(c), next, nextStates, i);
        }
    }

    /** Draws consumed so far: with the seed, the sampler's whole state. */
    public long position() {
        return rng.position();
    }

    /** Continues from a checkpointed {@link #position()}: the next pairs are those the checkpointed sampler would have drawn. */
    public void seek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("stream position must be >= 0, got " + position);
        }
        rng = new RandomStream(rng.key(), position);
    }

    /** The stream's key (a function of seed and purpose), for checkpoints that want to verify it. */
    public long streamKey() {
        return rng.key();
    }

    public MotionLibrary library() {
        return library;
    }
}
