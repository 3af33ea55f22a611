package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.api.Session;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.ops.train.IterationTable;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.ops.train.SessionOptions;
import dev.ampj.ops.train.SessionRunner;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunLogReader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp resume}: continue a stopped or crashed run exactly, from its latest checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a stopped or crashed run from its latest checkpoint, re-executing to its last commit (digests checked).")
public final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Option(names = "--iterations", paramLabel = "N", description = "New target iteration (default: the run's recorded target).")
    Long iterations;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Resume the run on the cluster whose learner node is HOST:PORT (the run is in the learner's runs directory).")
    String cluster;

    @CommandLine.Mixin
    SessionOptions session;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (cluster != null) {
            return ClusterTrain.resume(this, ConfigFactory.load());
        }
        RunStore store = CommandSupport.store(ConfigFactory.load(), session.runsDir());
        RunCreated created;
        long last;
        long checkpoint;
        try (RunLogReader r = store.openReader(run)) {
            created = r.runCreated();
            last = r.lastCommitted().map(IterationCommitted::iteration).orElse(0L);
            checkpoint = Math.min(last, r.latestCheckpoint().map(CheckpointWritten::iteration).orElse(0L));
        }
        Long target = CommandSupport.iterations(iterations);
        long to = target != null ? target : created.targetIterations();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The bar counts from the first re-executed iteration, so re-execution to a non-checkpoint commit shows progress.
        IterationTable table = session.table(out, run, checkpoint + 1, to,
                CommandSupport.stepsPerIteration(RunConfig.parse(created.config(), run)));
        CommandSupport.noteCpuChange(created, err);
        if ("approximate".equals(created.versions().get("external-resume"))) {
            table.note(err, "amp: run " + run + " was trained on an external simulator without snapshot/restore: its resume is"
                    + " approximate (the envs start new episodes at the checkpoint; iterations after it cannot be re-executed exactly)");
        }
        try (PeriodicEvaluation evaluation = session.evaluation(store, run, RunConfig.parse(created.config(), run), table, err)) {
            Session started = session.start(table, evaluation, target, o -> CommandSupport.trainer(store).resume(run, o));
            table.note(err, "amp: resuming run " + run + " after iteration " + last + " to iteration " + to
                    + (checkpoint < last ? "; re-executing iterations " + (checkpoint + 1) + ".." + last + " from the checkpoint at "
                            + checkpoint + " (digests checked)" : ""));
            return SessionRunner.run(started, err);
        }
    }
}
