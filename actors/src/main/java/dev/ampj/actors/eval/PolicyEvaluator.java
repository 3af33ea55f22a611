package dev.ampj.actors.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.ReferencePairs;
import dev.ampj.actors.env.RunLearnerSettings;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.motion.GaitConditions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a trained policy the way a user judges AMP: deterministic rollouts over commanded speeds
 * inside the reference gaits' range ({@link EvalRollout}), then tracking, falls, the style distance
 * to the reference ({@link StyleDistance}) beside its floor and the untrained policy's, per-joint
 * ranges against the reference, and the discriminator's accuracy on these fresh samples. An
 * external simulator's envs are rolled out as one block ({@link EnvFactory#evalEnvs}): a client
 * connected the same way as for training, each env commanded through its episode starts.
 */
public final class PolicyEvaluator {

    private static final String COMMAND_KEY = "amp.sim.command.lin-vel-x";
    /** Every eval episode starts from the default pose, whatever the run trained with, so runs compare on one footing. */
    private static final String RSI_KEY = "amp.sim.init.reference-state-init";

    private final Components components;
    /**
     * The untrained policy's rollouts by (run seed, eval seed, commands, steps, warm-up): periodic
     * evaluations of one run score every checkpoint against the same untrained rollout, which is
     * deterministic, so it is rolled out once. Keyed also by the config's rendering: a key never
     * matches another run's settings.
     */
    private final Map<String, EvalRollout.Result> untrainedRollouts = new java.util.concurrent.ConcurrentHashMap<>();

    public PolicyEvaluator(Components components) {
        this.components = components;
    }

    /**
     * Evaluates the learner state {@code learnerState} of run {@code run} (configuration {@code config},
     * run seed {@code runSeed}) after iteration {@code iteration}.
     */
    public EvalReport evaluate(String run, long iteration, Config config, long runSeed, byte[] learnerState, EvalOptions o) {
        return evaluate(run, iteration, config, null, runSeed, learnerState, o);
    }

    /**
     * As above, rolled out on the envs of {@code scoring} (null: the run's own configuration): the run's
     * configuration on another engine ({@link EngineSwitch#scoringConfig}), whose layout must match the
     * run's ({@link LayoutMatch}). The reference, the discriminator and the untrained policy stay the
     * run's; its discriminator gets the run's AMP states built from the scoring engine's single-frame
     * rows ({@link DiscriminatorColumns}: the older frames, the condition from each env's command).
     */
    public EvalReport evaluate(String run, long iteration, Config config, Config scoring, long runSeed, byte[] learnerState,
            EvalOptions o) {
        Config envConfig = scoring == null ? config : scoring;
        String engine = envConfig.getString("amp.sim.engine");
        VecEnvSpec spec = components.envs(envConfig).spec();
        VecEnvSpec trainedSpec = scoring == null ? spec : EngineSwitch.trainedSpec(components, config);
        if (scoring != null) {
            LayoutMatch.require(trainedSpec, spec, engine);
        }
        ReferencePairs reference = components.reference(config, trainedSpec, runSeed);
        float[] all = reference.features();
        double[] clipSpeeds = clipSpeeds(reference, trainedSpec);
        double[] speeds = o.commandMin() != null ? new double[] {o.commandMin(), o.commandMax()} : speedRange(clipSpeeds);
        double lo = speeds[0];
        double hi = speeds[1];
        double[] commands = new double[o.envs()];
        for (int e = 0; e < commands.length; e++) {
            commands[e] = lo + (hi - lo) * e / (commands.length - 1);
        }
        int steps = Math.max(1, (int) Math.round(o.seconds() / spec.controlDt()));
        int warmup = (int) Math.round(o.warmupSeconds() / spec.controlDt());
        LearnerSettings settings = RunLearnerSettings.of(config);
        LearnerDims dims = new LearnerDims(trainedSpec.policyDim(), trainedSpec.criticDim(), trainedSpec.actionDim(),
                trainedSpec.ampDim());

        EvalRollout.Result trained;
        EvalRollout.Result[] trainedAtClips = new EvalRollout.Result[clipSpeeds == null ? 0 : clipSpeeds.length];
        float[] policyLogits;
        float[] referenceLogits;
        try (AmpLearner learner = AmpLearner.restore(settings, learnerState)) {
            trained = rollout(envConfig, commands, o.seed(), spec, learner, steps, warmup);
            for (int c = 0; c < trainedAtClips.length; c++) {
                trainedAtClips[c] = rollout(envConfig, new double[] {clipSpeeds[c]}, o.seed(), spec, learner, steps, warmup);
            }
            policyLogits = logits(learner, discriminatorInput(config, trainedSpec, spec, trained, commands),
                    trained.pairs(), trainedSpec.ampDim());
            referenceLogits = logits(learner, all, reference.pairs(), trainedSpec.ampDim());
        }
        String untrainedKey = runSeed + "/" + o.seed() + "/" + java.util.Arrays.toString(commands) + "/" + steps + "/" + warmup
                + "/" + envConfig.root().render(com.typesafe.config.ConfigRenderOptions.concise());
        EvalRollout.Result untrained = untrainedRollouts.get(untrainedKey);
        EvalRollout.Result[] untrainedAtClips = new EvalRollout.Result[trainedAtClips.length];
        for (int c = 0; c < untrainedAtClips.length; c++) {
            untrainedAtClips[c] = untrainedRollouts.get(untrainedKey + "/clip" + c);
        }
        if (untrained == null || java.util.Arrays.asList(untrainedAtClips).contains(null)) {
            try (AmpLearner init = AmpLearner.create(settings, dims, runSeed)) {
                untrained = rollout(envConfig, commands, o.seed(), spec, init, steps, warmup);
                for (int c = 0; c < untrainedAtClips.length; c++) {
                    untrainedAtClips[c] = rollout(envConfig, new double[] {clipSpeeds[c]}, o.seed(), spec, init, steps, warmup);
                    untrainedRollouts.put(untrainedKey + "/clip" + c, untrainedAtClips[c]);
                }
            }
            untrainedRollouts.put(untrainedKey, untrained);
        }

        // Style is measured on the motion alone: a gait condition's columns are the command's, not motion.
        // The reference's columns follow the run's layout, the rollouts' the scoring engine's (equal but for a condition).
        MotionColumns motion = MotionColumns.of(spec);
        MotionColumns refMotion = MotionColumns.of(trainedSpec);
        int width = refMotion.width();
        float[] ref = refMotion.apply(all);
        StyleDistance style = new StyleDistance(ref, reference.pairs(), width);
        double distance = style.between(motion.apply(trained.features()), trained.pairs(), ref, reference.pairs());
        double init = style.between(motion.apply(untrained.features()), untrained.pairs(), ref, reference.pairs());
        double floor = style.between(refMotion.apply(reference.features(0, 0.5)), reference.count(0, 0.5),
                refMotion.apply(reference.features(0.5, 1)), reference.count(0.5, 1));

        EvalReport.MatchedStyle matched = clipSpeeds == null ? null
                : matchedStyle(reference, refMotion, motion, trainedAtClips, untrainedAtClips, trainedSpec, spec, warmup);
        Double retimed = null;
        if (clipSpeeds != null) {
            RetimedReference r = RetimedReference.of(reference, trainedSpec, clipSpeeds, commands);
            retimed = style.between(refMotion.apply(r.features()), r.pairs(), ref, reference.pairs());
        }

        EvalReport.DerivedVelocityStyle derived = components.referenceWithDerivedVelocities(config, trainedSpec, runSeed)
                .map(d -> derivedVelocityStyle(d, all, ref, reference.pairs(), trainedSpec, style, refMotion, clipSpeeds, commands))
                .orElse(null);
        Map<String, Double> byTerm = byTerm(all, reference.pairs(), trainedSpec, trained.features(), trained.pairs(), spec);
        double[] residual = {velocityResidual(trained.features(), trained.pairs(), spec),
            velocityResidual(all, reference.pairs(), trainedSpec)};
        List<EvalReport.JointRange> ranges = jointRanges(reference, trainedSpec, trained);
        double rangeError = ranges.isEmpty() ? Double.NaN : 0;
        double gaitRangeError = rangeError;
        for (EvalReport.JointRange r : ranges) {
            rangeError = Math.max(rangeError, Math.max(Math.abs(r.policyMin() - r.referenceMin()),
                    Math.abs(r.policyMax() - r.referenceMax())));
            gaitRangeError = Math.max(gaitRangeError, Math.max(Math.abs(r.policyGaitMin() - r.referenceMin()),
                    Math.abs(r.policyGaitMax() - r.referenceMax())));
        }
        List<EvalReport.EnvResult> perEnv = new ArrayList<>();
        for (int e = 0; e < commands.length; e++) {
            perEnv.add(new EvalReport.EnvResult(e, commands[e], trained.meanSpeed()[e], trained.envFalls()[e]));
        }
        double minutes = o.envs() * steps * spec.controlDt() / 60.0;
        return new EvalReport(run, iteration, engine, o.envs(), steps * spec.controlDt(), lo, hi, trained.trackingError(),
                trained.trackingErrorInstant(), trained.falls() / minutes, trained.falls(), trained.meanEpisodeSteps(),
                distance, floor, init, retimed, derived, byTerm, matched, residual[0], residual[1], rangeError, gaitRangeError, ranges,
                fraction(policyLogits, false),
                fraction(referenceLogits, true), perEnv);
    }

    /**
     * The style distance of each AMP motion term alone (its columns of s and s′, standardised by the
     * reference's): {@code rows} ({@code spec}'s layout) against the reference ({@code refSpec}'s).
     */
    private static Map<String, Double> byTerm(float[] reference, int referencePairs, VecEnvSpec refSpec, float[] rows, int pairs,
            VecEnvSpec spec) {
        Map<String, Double> byTerm = new LinkedHashMap<>();
        for (ObsGroupSpec.Slice term : refSpec.amp().slices()) {
            if (GaitCondition.TERM.equals(term.term()) || AmpWindow.HISTORY_TERM.equals(term.term())) {
                continue;
            }
            int[] refCols = termColumns(term, refSpec.ampDim());
            int[] cols = termColumns(term, spec.ampDim());
            float[] refTerm = columns(reference, referencePairs, 2 * refSpec.ampDim(), refCols);
            byTerm.put(term.term(), new StyleDistance(refTerm, referencePairs, cols.length).between(
                    columns(rows, pairs, 2 * spec.ampDim(), cols), pairs, refTerm, referencePairs));
        }
        return byTerm;
    }

    /**
     * The reference with velocities derived from its poses, scored against the recorded one (pooled,
     * retimed, per term): {@code all} the recorded reference's transition features, {@code ref} their
     * motion columns.
     */
    private static EvalReport.DerivedVelocityStyle derivedVelocityStyle(ReferencePairs derived, float[] all, float[] ref,
            int referencePairs, VecEnvSpec spec, StyleDistance style, MotionColumns motion, double[] clipSpeeds, double[] commands) {
        float[] features = derived.features();
        double pooled = style.between(motion.apply(features), derived.pairs(), ref, referencePairs);
        Double retimed = null;
        if (clipSpeeds != null) {
            RetimedReference r = RetimedReference.of(derived, spec, clipSpeeds, commands);
            retimed = style.between(motion.apply(r.features()), r.pairs(), ref, referencePairs);
        }
        return new EvalReport.DerivedVelocityStyle(pooled, retimed, byTerm(all, referencePairs, spec, features, derived.pairs(), spec));
    }

    /**
     * The rollout's AMP transitions as the run's discriminator takes them: unchanged when the layouts
     * agree, else (a run scored on another engine, whose rows are single frames without a condition)
     * as the run's windows of frames with each env's condition.
     */
    private float[] discriminatorInput(Config config, VecEnvSpec trainedSpec, VecEnvSpec spec, EvalRollout.Result rollout,
            double[] commands) {
        if (trainedSpec.ampDim() == spec.ampDim()) {
            return rollout.features();
        }
        ObsGroupSpec.Slice older = trainedSpec.amp().find(AmpWindow.HISTORY_TERM);
        GaitCondition condition = trainedSpec.amp().find(GaitCondition.TERM) == null ? GaitCondition.none()
                : GaitConditions.of(components.referenceMotion(config));
        AmpWindow window = AmpWindow.of(spec.ampDim(), older == null ? 1 : older.history() + 1, condition);
        if (window.dim() != trainedSpec.ampDim()) {
            throw new IllegalStateException("the run's AMP state has " + trainedSpec.ampDim() + " columns, the scoring engine's "
                    + spec.ampDim() + ": " + window.history() + " frames and a gait condition of " + condition.width()
                    + " do not explain the difference");
        }
        return DiscriminatorColumns.windows(rollout.features(), rollout.episodeStarts(), commands, window);
    }

    private EvalRollout.Result rollout(Config config, double[] commands, long seed, VecEnvSpec spec, AmpLearner learner,
            int steps, int warmup) {
        java.util.Optional<VecEnv> batch = components.envs(config).evalEnvs(seed, commands);
        if (batch.isPresent()) {
            try (VecEnv env = batch.get(); PolicyInference policy = learner.newInference()) {
                return EvalRollout.run(env, commands, spec, policy, steps, warmup);
            }
        }
        List<VecEnv> envs = new ArrayList<>();
        try (PolicyInference policy = learner.newInference()) {
            for (int e = 0; e < commands.length; e++) {
                Config c = config.withValue(COMMAND_KEY, ConfigValueFactory.fromIterable(List.of(commands[e], commands[e])))
                        .withValue(RSI_KEY, ConfigValueFactory.fromAnyRef(0.0));
                envs.add(components.envs(c).create(seed, new int[] {e}));
            }
            return EvalRollout.run(envs, commands, spec, policy, steps, warmup);
        } finally {
            envs.forEach(VecEnv::close);
        }
    }

    /**
     * RMS over joints and pairs of (q̇ + q̇′)/2 − (q′ − q)/dt (rad/s): how far the AMP state's joint
     * velocities are from what its joint positions imply over one control step. Velocity chatter
     * within a control step (e.g. torque feedback at every physics step) shows here; NaN without
     * joint_pos and joint_vel terms.
     */
    static double velocityResidual(float[] features, int pairs, VecEnvSpec spec) {
        ObsGroupSpec.Slice q = spec.amp().find("joint_pos");
        ObsGroupSpec.Slice v = spec.amp().find("joint_vel");
        if (q == null || v == null || q.dim() != v.dim()) {
            return Double.NaN;
        }
        int d = spec.ampDim();
        double sum = 0;
        for (int p = 0; p < pairs; p++) {
            int s = p * 2 * d;
            for (int j = 0; j < q.dim(); j++) {
                double fd = (features[s + d + q.offset() + j] - features[s + q.offset() + j]) / spec.controlDt();
                double mid = 0.5 * (features[s + v.offset() + j] + features[s + d + v.offset() + j]);
                sum += (mid - fd) * (mid - fd);
            }
        }
        return Math.sqrt(sum / ((double) pairs * q.dim()));
    }

    /** A term's columns in the transition feature [s, s′]: its slice of s, then of s′. */
    private static int[] termColumns(ObsGroupSpec.Slice term, int ampDim) {
        int[] cols = new int[2 * term.dim()];
        for (int i = 0; i < term.dim(); i++) {
            cols[i] = term.offset() + i;
            cols[term.dim() + i] = ampDim + term.offset() + i;
        }
        return cols;
    }

    /** Columns {@code cols} of each of {@code count} rows of {@code width} floats, row by row. */
    static float[] columns(float[] rows, int count, int width, int[] cols) {
        float[] out = new float[count * cols.length];
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < cols.length; c++) {
                out[r * cols.length + c] = rows[r * width + cols[c]];
            }
        }
        return out;
    }

    private static float[] logits(AmpLearner learner, float[] features, int pairs, int dim) {
        float[] s = new float[pairs * dim];
        float[] next = new float[pairs * dim];
        for (int i = 0; i < pairs; i++) {
            System.arraycopy(features, i * 2 * dim, s, i * dim, dim);
            System.arraycopy(features, i * 2 * dim + dim, next, i * dim, dim);
        }
        return learner.discriminator().styleRewards(s, next, pairs).logits();
    }

    /** Share of logits on the side of their true label: > 0 for reference pairs, < 0 for the policy's. */
    private static double fraction(float[] logits, boolean reference) {
        int right = 0;
        for (float l : logits) {
            if (reference ? l > 0 : l < 0) {
                right++;
            }
        }
        return (double) right / logits.length;
    }

    /** Each clip's mean forward speed (root_lin_vel_w x), in library order; null without that term. */
    static double[] clipSpeeds(ReferencePairs reference, VecEnvSpec spec) {
        ObsGroupSpec.Slice v = spec.amp().find("root_lin_vel_w");
        if (v == null) {
            return null;
        }
        int d = reference.dim();
        double[] out = new double[reference.clips().size()];
        for (int k = 0; k < out.length; k++) {
            ReferencePairs.Clip c = reference.clips().get(k);
            double sum = 0;
            for (int i = 0; i < c.pairs(); i++) {
                sum += c.states()[i * d + v.offset()];
            }
            out[k] = sum / c.pairs();
        }
        return out;
    }

    /**
     * Per clip: Fréchet distance of the policy at the clip's speed to that clip, its halves, the untrained
     * policy's; the cadence of the policy there (after {@code warmup} steps) and of the clip.
     */
    private static EvalReport.MatchedStyle matchedStyle(ReferencePairs reference, MotionColumns refMotion, MotionColumns motion,
            EvalRollout.Result[] trained, EvalRollout.Result[] untrained, VecEnvSpec refSpec, VecEnvSpec spec, int warmup) {
        double sum = 0, floorSum = 0, initSum = 0;
        Map<String, Double> byClip = new LinkedHashMap<>();
        Map<String, EvalReport.GaitCadence> cadence = new LinkedHashMap<>();
        ObsGroupSpec.Slice refQ = refSpec.amp().find("joint_pos");
        ObsGroupSpec.Slice q = spec.amp().find("joint_pos");
        for (int k = 0; k < trained.length; k++) {
            ReferencePairs one = new ReferencePairs(reference.dim(), List.of(reference.clips().get(k)), reference.jointNames());
            float[] clip = refMotion.apply(one.features());
            StyleDistance style = new StyleDistance(clip, one.pairs(), refMotion.width());
            double d = style.between(motion.apply(trained[k].features()), trained[k].pairs(), clip, one.pairs());
            sum += d;
            floorSum += style.between(refMotion.apply(one.features(0, 0.5)), one.count(0, 0.5),
                    refMotion.apply(one.features(0.5, 1)), one.count(0.5, 1));
            initSum += style.between(motion.apply(untrained[k].features()), untrained[k].pairs(), clip, one.pairs());
            byClip.put(reference.clips().get(k).source(), d);
            if (q != null && refQ != null) {
                ReferencePairs.Clip c = reference.clips().get(k);
                double policyHz = Cadence.dominantHz(trained[k].features(), 2 * spec.ampDim(), q.offset(), q.dim(),
                        Math.min(warmup, trained[k].pairs()), trained[k].pairs(), spec.controlDt());
                double clipHz = Cadence.dominantHz(c.states(), reference.dim(), refQ.offset(), refQ.dim(), 0, c.pairs(),
                        refSpec.controlDt());
                cadence.put(c.source(), new EvalReport.GaitCadence(policyHz, clipHz));
            }
        }
        int n = trained.length;
        return new EvalReport.MatchedStyle(sum / n, floorSum / n, initSum / n, byClip, cadence);
    }

    /** Slowest and fastest clip's mean forward speed, from {@link #clipSpeeds} (null: the range is unknown). */
    static double[] speedRange(double[] clipSpeeds) {
        if (clipSpeeds == null) {
            throw new IllegalArgumentException("the AMP observation has no root_lin_vel_w term, so the reference's speed range "
                    + "is unknown; give --command MIN,MAX");
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : clipSpeeds) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    private static List<EvalReport.JointRange> jointRanges(ReferencePairs reference, VecEnvSpec spec, EvalRollout.Result policy) {
        ObsGroupSpec.Slice q = spec.amp().find("joint_pos");
        List<EvalReport.JointRange> out = new ArrayList<>();
        if (q == null) {
            return out;
        }
        int d = reference.dim();
        for (int j = 0; j < q.dim(); j++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (ReferencePairs.Clip c : reference.clips()) {
                for (int i = 0; i < c.pairs(); i++) {
                    double a = c.states()[i * d + q.offset() + j];
                    double b = c.nextStates()[i * d + q.offset() + j];
                    lo = Math.min(lo, Math.min(a, b));
                    hi = Math.max(hi, Math.max(a, b));
                }
            }
            String name = j < reference.jointNames().size() ? reference.jointNames().get(j) : "joint_" + j;
            // no step after the warm-up (seconds <= warm-up): no gait range
            boolean gait = policy.gaitJointMin()[j] <= policy.gaitJointMax()[j];
            out.add(new EvalReport.JointRange(name, policy.jointMin()[j], policy.jointMax()[j],
                    gait ? policy.gaitJointMin()[j] : Double.NaN, gait ? policy.gaitJointMax()[j] : Double.NaN, lo, hi));
        }
        return out;
    }
}
