package dev.ampj.ops;

import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.storage.RunStore;
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
        return PeriodicEvaluation.best(store, run, "--iteration");
    }
}
