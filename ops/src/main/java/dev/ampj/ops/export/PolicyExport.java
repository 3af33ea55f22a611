package dev.ampj.ops.export;

import dev.ampj.actors.env.RunLearnerSettings;
import dev.ampj.actors.eval.PolicyPlayback;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.nn.PolicyArchitecture;
import dev.ampj.ops.playback.MotionRecording;
import dev.ampj.ops.playback.ReferenceClip;
import dev.ampj.ops.playback.TrainedPolicy;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.ops.train.StepProgress;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.storage.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/** The exports of a trained policy: the network as ONNX, its motion as BVH or Isaac Lab .npz. */
public final class PolicyExport {

    /** What was written, in one line. */
    public record Written(String summary) {}

    private PolicyExport() {}

    /** The deterministic actor of {@code run} at {@code iteration} (null: the last) as ONNX ({@link OnnxPolicy}). */
    public static Written onnx(RunStore store, String run, Long iteration, Path out, Consumer<String> note) throws IOException {
        TrainedPolicy policy = TrainedPolicy.load(store, run, iteration, note);
        VecEnvSpec spec = CommandSupport.components().envs(policy.config()).spec();
        LearnerSettings settings = RunLearnerSettings.of(policy.config());
        PolicyArchitecture arch = PolicyArchitecture.of(settings.policy(),
                new LearnerDims(spec.policyDim(), spec.criticDim(), spec.actionDim(), spec.ampDim()));
        float[] snapshot;
        try (AmpLearner learner = AmpLearner.restore(settings, policy.learnerState())) {
            snapshot = learner.policySnapshot();
        }
        String doc = "amp policy of run " + run + " at iteration " + policy.iteration() + ": obs [batch, " + spec.policyDim()
                + "] raw observations -> actions [batch, " + spec.actionDim() + "] mean action (before clipping and scaling)";
        write(out, OnnxPolicy.model(arch, snapshot, doc));
        return new Written(String.format(Locale.ROOT, "ONNX opset %d, obs [batch, %d] -> actions [batch, %d], %s, layers %s",
                OnnxPolicy.OPSET, spec.policyDim(), spec.actionDim(), arch.activation().name().toLowerCase(Locale.ROOT),
                java.util.Arrays.toString(arch.actorSizes())));
    }

    /**
     * The policy's motion, as {@code amp play} rolls it out for one env commanded {@code command}
     * m/s (null: the first reference clip's speed): its first episode, as BVH or Isaac Lab .npz.
     */
    public static Written motion(RunStore store, String run, Long iteration, boolean bvh, double seconds, Double command,
            Path out, boolean noProgress, Consumer<String> note) throws IOException {
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("--seconds must be in (0, 3600], was " + seconds);
        }
        TrainedPolicy policy = TrainedPolicy.load(store, run, iteration, note);
        double speed = command != null ? command
                : ReferenceClip.of(CommandSupport.components().referenceMotion(policy.config()), 0).meanSpeed();
        double dt = CommandSupport.components().envs(policy.config()).spec().controlDt();
        int steps = Math.max(1, (int) Math.round(seconds / dt));
        PolicyPlayback.Result r;
        try (StepProgress progress = new StepProgress("export " + run, steps, !noProgress)) {
            r = CommandSupport.playback().run(policy.config(), policy.learnerState(), new double[] {speed}, policy.seed(), steps,
                    progress);
        }
        PolicyPlayback.EnvMotion m = r.envs().get(0);
        KinematicClip clip = MotionRecording.clip(m, r.controlDt(), out.getFileName().toString());
        if (bvh) {
            Path abs = out.toAbsolutePath();
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(abs, StandardCharsets.UTF_8))) {
                BvhMotion.write(clip, w);
            }
        } else {
            MotionRecording.write(clip, out);
        }
        return new Written(String.format(Locale.ROOT, "%s, %d frames at %.0f fps (%.2f s, the first episode), commanded %.2f m/s, "
                + "%.2f m forward", bvh ? "BVH" : "Isaac Lab motion", clip.frames(), clip.fps(), clip.duration(), speed,
                m.firstEpisodeDistance()));
    }

    private static void write(Path out, byte[] bytes) throws IOException {
        Path abs = out.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Files.write(abs, bytes);
    }
}
