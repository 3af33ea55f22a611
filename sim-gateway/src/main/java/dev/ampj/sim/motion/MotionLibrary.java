package dev.ampj.sim.motion;

import dev.ampj.sim.motion.formats.MotionFiles;
import dev.ampj.sim.terms.FrameLayout;
import dev.ampj.sim.terms.KinematicFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference motion of a run: several clips with weights, each read, validated, mapped onto the
 * robot by joint/body name and resampled to the control rate, so frame k of a clip is at time
 * k · controlDt and consecutive frames are exactly one control step apart. Immutable and read-only
 * after construction, so samplers on several threads can share it. Sampling itself lives in
 * {@link ExpertPairSampler} (expert AMP pairs) and {@link MotionReferenceStates} (reference-state init).
 */
public final class MotionLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(MotionLibrary.class);

    private final FrameLayout layout;
    private final double controlDt;
    private final List<LibraryClip> clips;
    private final double[] cumulative;

    private MotionLibrary(FrameLayout layout, double controlDt, List<LibraryClip> clips) {
        this.layout = layout;
        this.controlDt = controlDt;
        this.clips = List.copyOf(clips);
        this.cumulative = cumulative(this.clips, false);
    }

    /** Reads every file of {@code settings} for {@code layout}'s robot at control step {@code controlDt} seconds. */
    public static MotionLibrary load(MotionSettings settings, FrameLayout layout, double controlDt) throws IOException {
        return load(settings, layout, controlDt, null);
    }

    /**
     * As {@link #load(MotionSettings, FrameLayout, double)}; with {@code forwardKinematics} (fills
     * every body of a frame from its root and joints, e.g. the robot's own FK), root-only clips
     * (amp-rsl-rl) get every body too, so body terms and reference-state init can use them.
     */
    public static MotionLibrary load(MotionSettings settings, FrameLayout layout, double controlDt,
            Consumer<KinematicFrame> forwardKinematics) throws IOException {
        if (settings.motionFiles().isEmpty()) {
            throw new IllegalArgumentException(MotionSettings.PATH + ".motion-files is empty: AMP needs at least one reference motion file");
        }
        List<ReferenceMotion> motions = new ArrayList<>();
        for (String f : settings.motionFiles()) {
            motions.add(MotionFiles.read(f, settings.readOptions()));
        }
        MotionLibrary library = of(motions, settings.weights(), layout, controlDt, settings.jointOffsets(), forwardKinematics);
        return settings.velocities() == MotionSettings.Velocities.POSITIONS ? library.withVelocitiesFromPositions() : library;
    }

    /** Builds a library from motions already read (weights in the same order). */
    public static MotionLibrary of(List<ReferenceMotion> motions, List<Double> weights, FrameLayout layout, double controlDt,
            Map<String, Double> jointOffsets) {
        return of(motions, weights, layout, controlDt, jointOffsets, null);
    }

    /** As {@link #of(List, List, FrameLayout, double, Map)}, completing root-only clips with {@code forwardKinematics} (may be null). */
    public static MotionLibrary of(List<ReferenceMotion> motions, List<Double> weights, FrameLayout layout, double controlDt,
            Map<String, Double> jointOffsets, Consumer<KinematicFrame> forwardKinematics) {
        if (!(controlDt > 0) || Double.isInfinite(controlDt)) {
            throw new IllegalArgumentException("control dt must be positive, got " + controlDt);
        }
        if (motions.isEmpty() || motions.size() != weights.size()) {
            throw new IllegalArgumentException("a motion library needs at least one motion and one weight per motion, got "
                    + motions.size() + " motion(s) and " + weights.size() + " weight(s)");
        }
        List<LibraryClip> clips = new ArrayList<>();
        for (int i = 0; i < motions.size(); i++) {
            ReferenceMotion m = motions.get(i);
            double w = weights.get(i);
            LibraryClip clip;
            if (m instanceof KinematicClip k) {
                KinematicClip mapped = RobotMapping.map(k, layout, jointOffsets);
                if (mapped.bodies() < layout.numBodies() && forwardKinematics != null) {
                    mapped = withAllBodies(mapped, layout, forwardKinematics);
                }
                KinematicClip resampled = MotionResampler.resample(mapped, 1.0 / controlDt);
                clip = new LibraryClip(m.source(), m.format(), w, resampled, null, null);
            } else if (m instanceof AmpStateSequence s) {
                clip = new LibraryClip(m.source(), m.format(), w, null, atControlRate(s, controlDt), null);
            } else {
                clip = new LibraryClip(m.source(), m.format(), w, null, null, (AmpStatePairs) m);
            }
            if (clip.pairCount() < 1) {
                throw new MotionFileException(m.source(), null, "has " + clip.frames() + " frame(s) at the control rate ("
                        + (1.0 / controlDt) + " Hz); expert pairs need at least 2");
            }
            for (String warning : (clip.isKinematic() ? clip.kinematics().warnings() : m.warnings())) {
                LOG.warn("{}: {}", m.source(), warning);
            }
            clips.add(clip);
        }
        return new MotionLibrary(layout, controlDt, clips);
    }

    /** Fills every body of a root-only clip, frame by frame, from its root and joints. */
    private static KinematicClip withAllBodies(KinematicClip c, FrameLayout layout, Consumer<KinematicFrame> fk) {
        int f = c.frames();
        int b = layout.numBodies();
        int d = c.dofs();
        double[] pos = new double[f * b * 3];
        double[] quat = new double[f * b * 4];
        double[] lin = new double[f * b * 3];
        double[] ang = new double[f * b * 3];
        KinematicFrame frame = new KinematicFrame(layout);
        for (int k = 0; k < f; k++) {
            System.arraycopy(c.bodyPos(), k * 3, frame.rootPos, 0, 3);
            System.arraycopy(c.bodyQuat(), k * 4, frame.rootQuat, 0, 4);
            System.arraycopy(c.bodyLinVel(), k * 3, frame.rootLinVel, 0, 3);
            System.arraycopy(c.bodyAngVel(), k * 3, frame.rootAngVel, 0, 3);
            System.arraycopy(c.dofPos(), k * d, frame.jointPos, 0, d);
            System.arraycopy(c.dofVel(), k * d, frame.jointVel, 0, d);
            fk.accept(frame);
            System.arraycopy(frame.bodyPos, 0, pos, k * b * 3, b * 3);
            System.arraycopy(frame.bodyQuat, 0, quat, k * b * 4, b * 4);
            System.arraycopy(frame.bodyLinVel, 0, lin, k * b * 3, b * 3);
            System.arraycopy(frame.bodyAngVel, 0, ang, k * b * 3, b * 3);
        }
        List<String> warnings = new ArrayList<>(c.warnings());
        warnings.add("bodies computed by forward kinematics from the root and joints");
        return new KinematicClip(c.source(), c.format(), c.quatOrder(), c.fps(), f, c.dofNames(), layout.bodyNames(), d, b,
                c.dofPos(), c.dofVel(), pos, quat, lin, ang, c.velocitiesFromFile(), warnings);
    }

    /** Seed 001 files record their own dt: linear interpolation brings them to the control rate. */
    private static AmpStateSequence atControlRate(AmpStateSequence s, double controlDt) {
        if (!s.hasDt() || Math.abs(s.dt() - controlDt) <= 1e-9 * controlDt) {
            return s;
        }
        int dim = s.dim();
        int n = MotionResampler.frameCount((s.frames() - 1) * s.dt(), 1.0 / controlDt);
        float[] out = new float[n * dim];
        for (int k = 0; k < n; k++) {
            double pos = Math.min(k * controlDt / s.dt(), s.frames() - 1);
            int i0 = Math.min((int) Math.floor(pos), Math.max(s.frames() - 2, 0));
            int i1 = Math.min(i0 + 1, s.frames() - 1);
            double a = pos - i0;
            for (int j = 0; j < dim; j++) {
                double x0 = s.states()[i0 * dim + j];
                double x1 = s.states()[i1 * dim + j];
                out[k * dim + j] = (float) (x0 + a * (x1 - x0));
            }
        }
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.add("amp_states recorded every " + s.dt() + " s were linearly resampled to the control step " + controlDt
                + " s (orientation components are interpolated component-wise)");
        return new AmpStateSequence(s.source(), out, n, dim, controlDt, warnings);
    }

    /**
     * This library with every kinematic clip's velocities recomputed from its positions at the control
     * rate ({@link KinematicClip#withVelocitiesFromPositions()}); clips of AMP states stay as they are.
     */
    public MotionLibrary withVelocitiesFromPositions() {
        List<LibraryClip> derived = new ArrayList<>();
        for (LibraryClip c : clips) {
            derived.add(c.isKinematic()
                    ? new LibraryClip(c.source(), c.format(), c.weight(), c.kinematics().withVelocitiesFromPositions(), null, null)
                    : c);
        }
        return new MotionLibrary(layout, controlDt, derived);
    }

    public FrameLayout layout() {
        return layout;
    }

    public double controlDt() {
        return controlDt;
    }

    public List<LibraryClip> clips() {
        return clips;
    }

    public int size() {
        return clips.size();
    }

    /** Index of the clip whose weight interval holds {@code u} ∈ [0, 1). */
    public int pickClip(double u) {
        return pick(cumulative, u);
    }

    static int pick(double[] cumulative, double u) {
        double target = u * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) { // first index with cumulative > target: clips of weight 0 are never chosen
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Cumulative weights; with {@code fullBodiesOnly}, clips that cannot give a full state weigh 0. */
    double[] cumulative(boolean fullBodiesOnly) {
        return cumulative(clips, fullBodiesOnly, layout.numBodies());
    }

    private static double[] cumulative(List<LibraryClip> clips, boolean fullBodiesOnly) {
        return cumulative(clips, fullBodiesOnly, -1);
    }

    private static double[] cumulative(List<LibraryClip> clips, boolean fullBodiesOnly, int bodies) {
        double[] c = new double[clips.size()];
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            LibraryClip clip = clips.get(i);
            if (!fullBodiesOnly || clip.hasAllBodies(bodies)) {
                sum += clip.weight();
            }
            c[i] = sum;
        }
        return c;
    }

    /**
     * Fills {@code out} with frame {@code frame} of kinematic clip {@code clip}. A root-only clip
     * fills the root and joints; the other bodies of {@code out} are left as they were.
     */
    public void frame(int clip, int frame, KinematicFrame out) {
        KinematicClip k = clips.get(clip).kinematics();
        if (k == null) {
            throw new IllegalArgumentException(clips.get(clip).source() + " holds AMP states, not kinematics");
        }
        if (!out.layout().equals(layout)) {
            throw new IllegalArgumentException("frame layout " + out.layout() + " is not the library's " + layout);
        }
        int d = k.dofs();
        int b = k.bodies();
        System.arraycopy(k.dofPos(), frame * d, out.jointPos, 0, d);
        System.arraycopy(k.dofVel(), frame * d, out.jointVel, 0, d);
        System.arraycopy(k.bodyPos(), frame * b * 3, out.bodyPos, 0, b * 3);
        System.arraycopy(k.bodyQuat(), frame * b * 4, out.bodyQuat, 0, b * 4);
        System.arraycopy(k.bodyLinVel(), frame * b * 3, out.bodyLinVel, 0, b * 3);
        System.arraycopy(k.bodyAngVel(), frame * b * 3, out.bodyAngVel, 0, b * 3);
        out.syncRootFromBody0();
    }
}
