package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.storage.RunStore;
import dev.ampj.actors.eval.PolicyPlayback;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.playback.AnimatedGif;
import dev.ampj.ops.playback.ReferenceClip;
import dev.ampj.ops.playback.SideBySide;
import dev.ampj.ops.playback.TrainedPolicy;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.ops.train.StepProgress;
import dev.ampj.sim.motion.MotionLibrary;
import dev.ampj.sim.terms.KinematicFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp render}: the deterministic policy beside a reference clip, as an animated GIF. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a run's deterministic policy beside a reference clip as an animated GIF (25 frames/s): the policy "
                + "is commanded the clip's mean forward speed, from the default pose.")
public final class RenderCommand implements Callable<Integer> {

    /** Frames per second of the GIF (delays are whole centiseconds: 4 cs). */
    public static final int FPS = 25;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @CommandLine.Mixin
    IterationOption iteration;

    @Option(names = "--env", paramLabel = "E", description = "Reference clip E (0-based, in amp.motion.motion-files order) and "
            + "an env commanded its speed (default: ${DEFAULT-VALUE}).")
    int env = 0;

    @Option(names = "--seconds", paramLabel = "S", description = "Simulated seconds (default: ${DEFAULT-VALUE}).")
    double seconds = 4;

    @Option(names = "--out", paramLabel = "F.gif", required = true, description = "GIF to write.")
    Path out;

    @CommandLine.Mixin
    RunsDirOption runsDir;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (!(seconds > 0) || seconds > 600) {
            throw new IllegalArgumentException("--seconds must be in (0, 600], was " + seconds);
        }
        RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir.get());
        TrainedPolicy policy = TrainedPolicy.load(store, run, iteration.resolve(store, run), this::note);
        MotionLibrary library = CommandSupport.components().referenceMotion(policy.config());
        ReferenceClip clip = ReferenceClip.of(library, env);
        int steps = (int) Math.round(seconds / library.controlDt());
        int stride = Math.max(1, (int) Math.round(1.0 / (FPS * library.controlDt())));
        int count = Math.max(1, steps / stride);
        PolicyPlayback.Result r;
        try (StepProgress progress = new StepProgress("render " + run, steps, !noProgress)) {
            r = CommandSupport.playback().run(policy.config(), policy.learnerState(), new double[] {clip.meanSpeed()},
                    policy.seed(), steps, progress);
        }
        KinematicFrame[] mine = new KinematicFrame[count];
        KinematicFrame[] theirs = new KinematicFrame[count];
        double[] time = new double[count];
        for (int i = 0; i < count; i++) {
            mine[i] = r.envs().get(0).frames()[i * stride];
            theirs[i] = clip.frame(i * stride);
            time[i] = i * stride * r.controlDt();
        }
        List<BufferedImage> images = SideBySide.frames(mine, theirs, time,
                String.format(Locale.ROOT, "policy (%s, iteration %d) at %.2f m/s", run, policy.iteration(), clip.meanSpeed()),
                "reference: " + clip.name());
        AnimatedGif.write(images, 100 / FPS, out);
        PolicyPlayback.EnvMotion m = r.envs().get(0);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d frames, %dx%d, %.1f s; policy %.2f m/s (commanded %.2f), "
                + "%d falls%n", out.toAbsolutePath().normalize(), count, images.get(0).getWidth(), images.get(0).getHeight(),
                count * stride * r.controlDt(), m.meanSpeed(), m.command(), m.falls());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void note(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }
}
