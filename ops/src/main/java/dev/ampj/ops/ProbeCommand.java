package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.probe.TelemetryProbe;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.RunStore;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp probe RUN}: live per-environment AMP rewards of a run, read from its telemetry queue by any process. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Tail live per-environment AMP rewards (task reward, discriminator score, style reward, combined reward)"
                + " of a run while it trains, from any process; follows until the run's log records its end.",
                "Table: one block per iteration with per-env means and each env's recent whole episodes."
                        + " --json: one JSON object per env per step.",
                "--worst N: the N envs with the lowest style reward over their last --window steps, refreshed live."
                        + " --episodes: one line per whole episode (length, return split into task and style reward).",
                "A probe only reads: starting, stopping or killing one never changes the run."})
public final class ProbeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "Run name.")
    String run;

    @Option(names = "--env", split = ",", paramLabel = "ID", description = "Global env ids to show (default: all).")
    List<Integer> envs;

    @Option(names = "--from-start", description = "Start at the run's first telemetry record instead of now.")
    boolean fromStart;

    @Option(names = "--once", description = "Print what is recorded now and exit instead of following.")
    boolean once;

    @Option(names = "--json", description = "One JSON object per env per step (NDJSON) instead of per-iteration tables.")
    boolean json;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "0",
            description = "Show the N envs with the lowest style reward over their last --window steps, refreshed whenever the run writes telemetry.")
    int worst;

    @Option(names = "--window", paramLabel = "STEPS", defaultValue = "24",
            description = "Steps per env that --worst averages (default: ${DEFAULT-VALUE}, the default rollout horizon).")
    int window;

    @Option(names = "--episodes", description = "One line (with --json: one object) per whole episode as it ends.")
    boolean episodes;

    @Option(names = "--episode-window", paramLabel = "K", defaultValue = "10",
            description = "Recent whole episodes per env that the ep_* columns average (default: ${DEFAULT-VALUE}).")
    int episodeWindow;

    @Option(names = "--poll-ms", defaultValue = "200", description = "Idle poll interval in milliseconds (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @CommandLine.Mixin
    RunsDirOption runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (pollMillis < 1 || pollMillis > 60_000) {
            throw new IllegalArgumentException("--poll-ms must be in [1, 60000], got " + pollMillis);
        }
        if (worst < 0) {
            throw new IllegalArgumentException("--worst must be >= 1, got " + worst);
        }
        if (worst > 0 && episodes) {
            throw new IllegalArgumentException("--worst and --episodes are two views: give one");
        }
        if (window < 1 || episodeWindow < 1) {
            throw new IllegalArgumentException("--window and --episode-window must be >= 1, got " + window + " and " + episodeWindow);
        }
        RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir.get());
        AtomicBoolean stopped = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stopped.set(true);
            try {
                main.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "amp-probe-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TelemetryProbe.Options options = new TelemetryProbe.Options(envs,
                    json ? TelemetryProbe.Format.JSON : TelemetryProbe.Format.TABLE, worst, window, episodes, episodeWindow,
                    System.console() != null && !once);
            new TelemetryProbe(store, run, options, spec.commandLine().getOut())
                    .run(fromStart || once, !once, pollMillis, stopped::get);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us
            }
        }
        return 0;
    }
}
