package dev.ampj.ops;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.api.Session;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.ops.config.AmpConfig;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.ops.train.IterationTable;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.ops.train.SessionOptions;
import dev.ampj.ops.train.SessionRunner;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunLogReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp fork}: a child run from the parent's exact state at a committed iteration, with config changes. */
@Command(name = "fork", mixinStandardHelpOptions = true,
        description = "Start a child run from the parent's exact state at committed iteration N (re-executed from the nearest checkpoint), recording the config diff.")
public final class ForkCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Parent run.")
    String parent;

    @Option(names = "--at", required = true, paramLabel = "N|best", converter = IterationChoice.Converter.class,
            description = "Committed iteration of the parent to fork at, or best: the one whose in-training eval came closest "
                    + "to the reference (runs/<run>/eval.jsonl).")
    IterationChoice atChoice;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Change one key for the child (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Child run name (default: <RUN>-at<N>).")
    String name;

    @Option(names = "--iterations", paramLabel = "M", description = "Child's target iteration (iterations continue the parent's numbering; default: the parent's target).")
    Long iterations;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Fork on the cluster whose learner node is HOST:PORT: the parent is read and the child trains in the learner's runs directory.")
    String cluster;

    @CommandLine.Mixin
    SessionOptions session;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (cluster != null) {
            return ClusterTrain.fork(this, ConfigFactory.load());
        }
        RunStore store = CommandSupport.store(ConfigFactory.load(), session.runsDir());
        RunCreated created;
        try (RunLogReader r = store.openReader(parent)) {
            created = r.runCreated();
        }
        long at = IterationChoice.resolve(atChoice, store, parent);
        String child = name != null ? name : parent + "-at" + at;
        Long target = CommandSupport.iterations(iterations);
        long to = target != null ? target : created.targetIterations();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandSupport.noteCpuChange(created, err);
        err.println("amp: rebuilding the state of " + parent + " at iteration " + at + " for fork " + child);
        err.flush();
        IterationTable table = session.table(out, child, at + 1, to,
                CommandSupport.stepsPerIteration(RunConfig.parse(created.config(), parent)));
        Config childConfig = AmpConfig.validate(AmpConfig.withSets(RunConfig.parse(created.config(), parent), sets));
        try (PeriodicEvaluation evaluation = session.evaluation(store, child, childConfig, table, err)) {
            Session started = session.start(table, evaluation, target, o -> CommandSupport.trainer(store).fork(parent, at,
                    c -> AmpConfig.validate(AmpConfig.withSets(c, sets)), child, o));
            return SessionRunner.run(started, err);
        }
    }
}
