package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.storage.RunStore;
import dev.ampj.actors.eval.PolicyPlayback;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.playback.MotionRecording;
import dev.ampj.ops.playback.ReferenceClip;
import dev.ampj.ops.playback.TrainedPolicy;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.ops.train.StepProgress;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionLibrary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp play}: run a trained policy without learning, summarise each env, record one env's motion. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Run a run's deterministic policy without learning on E envs commanded speeds evenly spaced over the "
                + "reference clips' range; print a summary per env; --record writes one env's motion as an Isaac Lab .npz.")
public final class PlayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @CommandLine.Mixin
    IterationOption iteration;

    @Option(names = "--envs", paramLabel = "E", description = "Envs (default: ${DEFAULT-VALUE}).")
    int envs = 4;

    @Option(names = "--seconds", paramLabel = "S", description = "Simulated seconds per env (default: ${DEFAULT-VALUE}).")
    double seconds = 10;

    @Option(names = "--command", paramLabel = "MIN,MAX", split = ",",
            description = "Commanded forward speed range in m/s (default: the reference clips' slowest and fastest mean speed).")
    List<Double> command;

    @Option(names = "--record", paramLabel = "OUT.npz", description = "Write env --record-env's first episode as an Isaac Lab "
            + "motion .npz (amp motion inspect reads it; it can be a reference motion file).")
    Path record;

    @Option(names = "--record-env", paramLabel = "E", description = "The env --record writes (default: ${DEFAULT-VALUE}).")
    int recordEnv = 0;

    @CommandLine.Mixin
    RunsDirOption runsDir;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (envs < 1 || envs > 256) {
            throw new IllegalArgumentException("--envs must be in 1..256, was " + envs);
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("--seconds must be in (0, 3600], was " + seconds);
        }
        if (command != null && command.size() != 2) {
            throw new IllegalArgumentException("--command expects MIN,MAX (m/s), got " + command);
        }
        if (record != null && (recordEnv < 0 || recordEnv >= envs)) {
            throw new IllegalArgumentException("--record-env " + recordEnv + " is not one of the " + envs + " envs (0.." + (envs - 1) + ")");
        }
        RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir.get());
        TrainedPolicy policy = TrainedPolicy.load(store, run, iteration.resolve(store, run), this::note);
        double[] range = command != null ? new double[] {command.get(0), command.get(1)} : clipSpeedRange(policy);
        double[] commands = new double[envs];
        for (int e = 0; e < envs; e++) {
            commands[e] = envs == 1 ? 0.5 * (range[0] + range[1]) : range[0] + (range[1] - range[0]) * e / (envs - 1);
        }
        double dt = CommandSupport.components().envs(policy.config()).spec().controlDt();
        int steps = Math.max(1, (int) Math.round(seconds / dt));
        PolicyPlayback.Result r;
        try (StepProgress progress = new StepProgress("play " + run, steps, !noProgress)) {
            r = CommandSupport.playback().run(policy.config(), policy.learnerState(), commands, policy.seed(), steps, progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "run %s, iteration %d: %d envs x %.1f s, deterministic actions, from the default pose%n",
                run, policy.iteration(), envs, steps * r.controlDt());
        out.printf(Locale.ROOT, "%4s %9s %11s %6s %9s %11s %14s%n", "env", "command", "mean speed", "falls", "episodes",
                "1st ep. (s)", "task r / step");
        for (PolicyPlayback.EnvMotion m : r.envs()) {
            out.printf(Locale.ROOT, "%4d %9.2f %11.2f %6d %9d %11.2f %14.4f%n", m.env(), m.command(), m.meanSpeed(), m.falls(),
                    m.episodes(), (m.firstEpisodeFrames() - 1) * r.controlDt(), m.meanTaskReward());
        }
        if (record != null) {
            PolicyPlayback.EnvMotion m = r.envs().get(recordEnv);
            KinematicClip clip = MotionRecording.clip(m, r.controlDt(), record.getFileName().toString());
            MotionRecording.write(clip, record);
            out.printf(Locale.ROOT, "wrote %s: env %d's first episode, %d frames at %.0f fps (%.2f s), %.2f m forward%n",
                    record.toAbsolutePath().normalize(), recordEnv, clip.frames(), clip.fps(), clip.duration(),
                    m.firstEpisodeDistance());
        }
        out.flush();
        return 0;
    }

    private static double[] clipSpeedRange(TrainedPolicy policy) {
        MotionLibrary library = CommandSupport.components().referenceMotion(policy.config());
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < library.size(); c++) {
            if (library.clips().get(c).kinematics() != null) {
                double v = ReferenceClip.of(library, c).meanSpeed();
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("the reference motion has no kinematic clip to take a speed range from; give --command MIN,MAX");
        }
        return new double[] {lo, hi};
    }

    private void note(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }
}
