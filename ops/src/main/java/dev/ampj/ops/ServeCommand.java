package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.serve.DashboardServer;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amp serve}: the read-only live web dashboard and Prometheus endpoint over a runs root. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a read-only live dashboard of the runs (curves, per-env style-reward heat map, an env's"
                + " motion beside the nearest reference frame) and Prometheus metrics at /metrics.",
                "Binds to 127.0.0.1 unless --bind and --allow-remote say otherwise; stops on Ctrl-C."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); a non-loopback one needs --allow-remote.")
    String bind;

    @Option(names = "--allow-remote", description = "Allow a non-loopback --bind (the dashboard has no authentication).")
    boolean allowRemote;

    @Option(names = "--poll-ms", defaultValue = "100", description = "Idle poll interval of the queue tailers in ms (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Mixin
    RunsDirOption runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (pollMillis < 1 || pollMillis > 60_000) {
            throw new IllegalArgumentException("--poll-ms must be in [1, 60000], got " + pollMillis);
        }
        StorageSettings settings = StorageSettings.fromConfig(ConfigFactory.load());
        if (runsDir.get() != null) {
            settings = settings.withRunsDir(runsDir.get());
        }
        DashboardServer server = DashboardServer.start(new RunStore(settings),
                new DashboardServer.Settings(bind, port, allowRemote, pollMillis));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "amp-serve-stop"));
        spec.commandLine().getOut().printf("amp dashboard: http://%s:%d/  (Prometheus: /metrics; runs under %s)%n",
                bind.contains(":") ? "[" + bind + "]" : bind, server.port(), settings.runsDir().toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
        server.awaitTermination();
        return 0;
    }
}
