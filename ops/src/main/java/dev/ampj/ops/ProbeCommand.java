package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.ops.probe.TelemetryProbe;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import java.nio.file.Path;
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
                "Table: one block per iteration with per-env means. --json: one JSON object per env per step."})
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

    @Option(names = "--poll-ms", defaultValue = "200", description = "Idle poll interval in milliseconds (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Runs root (default: amp.storage.runs-dir, ./runs).")
    Path runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (pollMillis < 1 || pollMillis > 60_000) {
            throw new IllegalArgumentException("--poll-ms must be in [1, 60000], got " + pollMillis);
        }
        StorageSettings settings = StorageSettings.fromConfig(ConfigFactory.load());
        if (runsDir != null) {
            settings = settings.withRunsDir(runsDir);
        }
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
            new TelemetryProbe(new RunStore(settings), run, envs, json ? TelemetryProbe.Format.JSON : TelemetryProbe.Format.TABLE,
                    spec.commandLine().getOut()).run(fromStart || once, !once, pollMillis, stopped::get);
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
