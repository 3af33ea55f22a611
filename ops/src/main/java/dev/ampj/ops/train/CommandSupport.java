package dev.ampj.ops.train;

import com.typesafe.config.Config;
import dev.ampj.actors.api.DefaultComponents;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.config.RunVersions;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.eval.PolicyEvaluator;
import dev.ampj.actors.eval.PolicyPlayback;
import dev.ampj.learner.HostCpu;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.RunCreated;
import java.nio.file.Path;
import java.time.Duration;

/** What the run commands share: the runs root, the trainer, the options. */
public final class CommandSupport {

    private CommandSupport() {}

    /** Components of every CLI run: the built-in robot and its reference gaits. */
    static Components components = new DefaultComponents();

    /** Replaces the robot/motion source (tests of the CLI). */
    public static void useComponents(Components c) {
        components = c;
    }

    /** The components CLI runs and cluster nodes build envs from. */
    public static Components components() {
        return components;
    }

    public static RunStore store(Config config, Path runsDir) {
        StorageSettings s = StorageSettings.fromConfig(config);
        return new RunStore(runsDir == null ? s : s.withRunsDir(runsDir));
    }

    public static PolicyEvaluator evaluator() {
        return new PolicyEvaluator(components);
    }

    public static PolicyPlayback playback() {
        return new PolicyPlayback(components);
    }

    public static Trainer trainer(RunStore store) {
        return new Trainer(components, store);
    }

    public static Duration maxTime(Double maxMinutes) {
        if (maxMinutes == null) {
            return null;
        }
        if (!(maxMinutes > 0)) {
            throw new IllegalArgumentException("--max-minutes must be > 0, was " + maxMinutes);
        }
        return Duration.ofMillis((long) (maxMinutes * 60_000));
    }

    public static Long iterations(Long n) {
        if (n != null && n < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1, was " + n);
        }
        return n;
    }

    /** Tells {@code err} when {@code created}'s run was recorded on another CPU model than this host's. */
    public static void noteCpuChange(RunCreated created, java.io.PrintWriter err) {
        String change = RunVersions.cpuChange(created.run(), created.versions(), HostCpu.model());
        if (change != null) {
            err.println("amp: " + change);
            err.flush();
        }
    }

    public static long stepsPerIteration(Config config) {
        return TrainingSettings.fromConfig(config).stepsPerIteration();
    }
}
