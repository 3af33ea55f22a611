package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.run.ReplayVerifier;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.RunStore;
import java.io.PrintWriter;
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

    @Option(names = "--cluster", paramLabel = "HOST:PORT", hidden = true,
            description = "Not supported: replay runs where the run's log is.")
    String cluster;

    @Mixin
    RunsDirOption runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (cluster != null) {
            // Replay reads every checkpoint and commit of the log: it runs on the learner node's machine, not over the cluster.
            throw new IllegalArgumentException("--cluster does not apply to replay: it runs where the run's log is (on the learner"
                    + " node: `amp replay " + run + " --verify --runs-dir D`, D the learner's --runs-dir)");
        }
        if (!verify) {
            throw new IllegalArgumentException("replay re-executes to verify: give --verify");
        }
        RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir.get());
        PrintWriter out = spec.commandLine().getOut();
        ReplayVerifier.Result r = CommandSupport.trainer(store).replay(run, from, to, new TrainingListener() {
            @Override
            public void onVerified(IterationOutcome.Done d) {
                out.println(String.format(Locale.ROOT, "%6d ok  policy %s  discriminator %s", d.iteration(),
                        d.policyDigest().substring(0, 16), d.discriminatorDigest().substring(0, 16)));
                out.flush();
            }
        });
        RunOutcome o = r.outcome();
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
