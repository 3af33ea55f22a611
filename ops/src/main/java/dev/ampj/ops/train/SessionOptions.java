package dev.ampj.ops.train;

import dev.ampj.actors.training.Session;
import dev.ampj.actors.training.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Options of every command that drives a training session (train, resume, fork): a picocli mixin. */
public final class SessionOptions {

    @Option(names = "--max-minutes", paramLabel = "M", description = "Stop at the first iteration boundary after M minutes.")
    Double maxMinutes;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Runs root (default: amp.storage.runs-dir, ./runs).")
    Path runsDir;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    /** The {@code --runs-dir} given, or null for the configured one. */
    public Path runsDir() {
        return runsDir;
    }

    /** The per-iteration table for iterations {@code first..last}, with a progress bar unless --no-progress or not a terminal. */
    public IterationTable table(PrintWriter out, String run, long first, long last, long stepsPerIteration) {
        return new IterationTable(out, run, first, last, stepsPerIteration, !noProgress && IterationTable.interactive());
    }

    /** Starts a session reporting to {@code table}; the table is closed if the session cannot start. */
    public Session start(IterationTable table, Long target, Function<Trainer.Options, Session> starter) {
        try {
            return starter.apply(new Trainer.Options(target, CommandSupport.maxTime(maxMinutes), table));
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
    }
}
