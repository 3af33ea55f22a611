package dev.ampj.ops;

import com.typesafe.config.Config;
import dev.ampj.actors.api.Session;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.ops.config.AmpConfig;
import dev.ampj.ops.config.ConfigOptions;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.ops.train.IterationTable;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.ops.train.SessionOptions;
import dev.ampj.ops.train.SessionRunner;
import dev.ampj.storage.RunStore;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amp train}: a new run of the pipeline, one table row per committed iteration. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a policy with PPO + AMP (default: the ostrich on its reference gaits); every iteration is committed to runs/<name>/.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--iterations", paramLabel = "N", description = "Target iteration (default: amp.actors.training.iterations).")
    Long iterations;

    @Option(names = "--name", paramLabel = "NAME", description = "Run name, unique under the runs directory (default: run-<date>-<time>).")
    String name;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Train on the cluster whose learner node is HOST:PORT (`amp node`); the run lives in the learner's runs directory.")
    String cluster;

    @CommandLine.Mixin
    SessionOptions session;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (cluster != null) {
            return ClusterTrain.run(this, configOptions.load());
        }
        Config config = AmpConfig.withRunsDir(configOptions.load(), session.runsDir());
        RunStore store = CommandSupport.store(config, session.runsDir());
        String run = runName();
        Long target = CommandSupport.iterations(iterations);
        long last = target != null ? target : TrainingSettings.fromConfig(config).iterations();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IterationTable table = session.table(out, run, 1, last, CommandSupport.stepsPerIteration(config));
        try (PeriodicEvaluation evaluation = session.evaluation(store, run, config, table, err)) {
            Session started = session.start(table, evaluation, target, o -> CommandSupport.trainer(store).train(config, run, o));
            table.note(err, "amp: training run " + run + " in " + store.directory(run).root().toAbsolutePath().normalize()
                    + " to iteration " + last);
            return SessionRunner.run(started, err);
        }
    }

    String runName() {
        return name != null ? name : "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
