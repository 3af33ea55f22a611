package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.cluster.ClusterClient;
import dev.ampj.actors.cluster.NodeAddress;
import dev.ampj.actors.cluster.RemoteRun;
import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.log.RunLogReader;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp replay --verify}: re-execute a logged run and compare every committed digest. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-execute a run from its checkpoints and compare every committed digest; exit 1 at the first divergence (iteration and component).")
public final class ReplayCommand implements Callable<Integer> {

    /** Exit code of a divergence. */
    static final int DIVERGED = 1;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Option(names = "--verify", description = "Compare every re-executed digest with the log (required).")
    boolean verify;

    @Option(names = "--from", paramLabel = "N", description = "First iteration to verify (default: the run's first).")
    Long from;

    @Option(names = "--to", paramLabel = "M", description = "Last iteration to verify (default: the run's last commit).")
    Long to;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Replay on the cluster whose learner node is HOST:PORT (the run is in the learner's runs directory).")
    String cluster;

    @Mixin
    RunsDirOption runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!verify) {
            throw new IllegalArgumentException("replay re-executes to verify: give --verify");
        }
        PrintWriter out = spec.commandLine().getOut();
        TrainingListener rows = new TrainingListener() {
            @Override
            public void onVerified(IterationOutcome.Done d) {
                out.println(String.format(Locale.ROOT, "%6d ok  policy %s  discriminator %s", d.iteration(),
                        d.policyDigest().substring(0, 16), d.discriminatorDigest().substring(0, 16)));
                out.flush();
            }
        };
        RunOutcome o;
        if (cluster != null) {
            // The log and checkpoints are on the learner node: the re-execution runs there, its rows are printed here.
            if (runsDir.get() != null) {
                throw new IllegalArgumentException("--runs-dir does not apply with --cluster: the run is in the learner node's --runs-dir");
            }
            NodeAddress learner = NodeAddress.parse(cluster, "--cluster");
            try (ClusterClient client = ClusterClient.connect(learner, ConfigFactory.load(), Duration.ofSeconds(15))) {
                o = RemoteRun.replay(client, run, from, to, rows).join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        } else {
            RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir.get());
            try (RunLogReader r = store.openReader(run)) {
                CommandSupport.noteCpuChange(r.runCreated(), spec.commandLine().getErr());
            }
            o = CommandSupport.trainer(store).replay(run, from, to, rows).outcome();
        }
        if (o.kind() == RunOutcome.Kind.FINISHED) {
            out.println("replay " + run + ": " + o.message() + ": every digest matches the log");
            out.flush();
            return 0;
        }
        spec.commandLine().getErr().println("replay " + run + ": " + (o.kind() == RunOutcome.Kind.DIVERGED ? "divergence at "
                : "failed: ") + o.message());
        spec.commandLine().getErr().flush();
        return DIVERGED;
    }
}
