package dev.ampj.ops.train;

import com.typesafe.config.Config;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.actors.api.Session;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.storage.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of every command that drives a training session (train, resume, fork): a picocli mixin. */
public final class SessionOptions {

    @Option(names = "--max-minutes", paramLabel = "M", description = "Stop at the first iteration boundary after M minutes.")
    Double maxMinutes;

    @Mixin
    RunsDirOption runsDir;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Option(names = "--eval-every", paramLabel = "N", description = "Score the policy (a small amp eval, in the background) at "
            + "every checkpoint whose iteration is a multiple of N; results in runs/<run>/eval.jsonl; 0 = never (default: ${DEFAULT-VALUE}).")
    int evalEvery = 50;

    /** {@code --max-minutes} as a duration, or null. */
    public java.time.Duration maxTime() {
        return CommandSupport.maxTime(maxMinutes);
    }

    /** The {@code --runs-dir} given, or null for the configured one. */
    public Path runsDir() {
        return runsDir.get();
    }

    /** The per-iteration table for iterations {@code first..last}, with a progress bar unless --no-progress or not a terminal. */
    public IterationTable table(PrintWriter out, String run, long first, long last, long stepsPerIteration) {
        return new IterationTable(out, run, first, last, stepsPerIteration, !noProgress && IterationTable.interactive());
    }

    /** {@code --eval-every}, checked. */
    public int evalEvery() {
        if (evalEvery < 0) {
            throw new IllegalArgumentException("--eval-every must be >= 0 (0 = never), was " + evalEvery);
        }
        return evalEvery;
    }

    /** The in-training evaluation of run {@code run} (resolved configuration {@code config}) per {@code --eval-every}. */
    public PeriodicEvaluation evaluation(RunStore store, String run, Config config, IterationTable table, PrintWriter err) {
        return new PeriodicEvaluation(store, run, config, evalEvery(), PeriodicEvaluation.Size.DEFAULT, reports(table, err),
                CommandSupport.evaluator());
    }

    /** What an in-training eval found, shown by {@code table}: its line on {@code err}, its style distance in the rows. */
    public static PeriodicEvaluation.Reports reports(IterationTable table, PrintWriter err) {
        return new PeriodicEvaluation.Reports() {
            @Override
            public void evaluated(double styleDistance, String line) {
                table.evaluated(styleDistance);
                table.note(err, line);
            }

            @Override
            public void note(String line) {
                table.note(err, line);
            }
        };
    }

    /** Starts a session reporting to {@code table}; the table is closed if the session cannot start. */
    public Session start(IterationTable table, Long target, Function<Trainer.Options, Session> starter) {
        return start(table, null, target, starter);
    }

    /** As {@link #start(IterationTable, Long, Function)}, also reporting to {@code evaluation} (may be null). */
    public Session start(IterationTable table, PeriodicEvaluation evaluation, Long target, Function<Trainer.Options, Session> starter) {
        TrainingListener listener = evaluation == null ? table : TrainingListener.both(table, evaluation);
        try {
            return starter.apply(new Trainer.Options(target, CommandSupport.maxTime(maxMinutes), listener));
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
    }
}
