package dev.ampj.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampj.ops.train.PeriodicEvaluation;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code --iteration} of commands that read a run's policy: a committed iteration {@code N},
 * or {@code best}, the iteration whose in-training eval ({@code runs/<run>/eval.jsonl}) came
 * closest to the reference: the lowest style distance at the gaits' speeds, or the pooled one when
 * the run has no per-gait figure (earliest on a tie). A gait can be found and lost within a run,
 * so the last iteration is not always the one to keep.
 */
public record IterationChoice(long number, boolean best) {

    public static final String BEST = "best";

    /** Parses {@code N} or {@code best} for picocli. */
    public static final class Converter implements CommandLine.ITypeConverter<IterationChoice> {
        @Override
        public IterationChoice convert(String value) {
            if (BEST.equals(value)) {
                return new IterationChoice(-1, true);
            }
            try {
                long n = Long.parseLong(value);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return new IterationChoice(n, false);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "': expected a committed iteration (a number >= 0) or 'best'");
            }
        }
    }

    /** The iteration {@code choice} names in {@code run}; null (the last committed) when {@code choice} is null. */
    public static Long resolve(IterationChoice choice, RunStore store, String run) {
        if (choice == null) {
            return null;
        }
        return choice.best ? best(store, run) : choice.number;
    }

    /** The committed iteration with the best in-training eval. */
    static long best(RunStore store, String run) {
        long last;
        try (RunLogReader r = store.openReader(run)) {
            last = r.lastCommitted().map(IterationCommitted::iteration).orElseThrow(() ->
                    new IllegalArgumentException("run " + run + " has committed no iteration yet"));
        }
        Path file = PeriodicEvaluation.file(store, run);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--iteration best: run " + run + " has no in-training evals (" + file
                    + "); train with --eval-every N, or give --iteration N");
        }
        long bestIteration = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        try {
            for (JsonNode n : PeriodicEvaluation.reports(file)) {
                long it = n.path("iteration").asLong(-1);
                JsonNode matched = n.path("style_distance_matched").path("distance");
                double score = matched.isNumber() ? matched.asDouble() : n.path("style_distance").asDouble(Double.NaN);
                if (it < 0 || it > last || !Double.isFinite(score)) {
                    continue; // an eval of an iteration beyond the log's end (a run stopped before committing it) or without a score
                }
                if (score < bestScore) {
                    bestScore = score;
                    bestIteration = it;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (bestIteration < 0) {
            throw new IllegalArgumentException("--iteration best: " + file + " holds no scored eval of a committed iteration of run " + run);
        }
        return bestIteration;
    }
}
