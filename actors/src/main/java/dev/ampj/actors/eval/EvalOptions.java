package dev.ampj.actors.eval;

/**
 * What {@code amp eval} rolls out: {@code envs} envs for {@code seconds} of simulated time each, with
 * deterministic actions (the policy's mean), env e commanded the e-th of {@code envs} speeds evenly
 * spaced over [{@code commandMin}, {@code commandMax}] (null: the reference clips' slowest and fastest
 * mean forward speed), envs drawn from {@code seed}'s streams, every episode starting from the default
 * pose with the run's reset noise (never from reference states, so every run starts alike). {@code warmupSeconds} at the start of
 * every episode (getting up to speed from standing) are left out of the tracking error.
 */
public record EvalOptions(int envs, double seconds, Double commandMin, Double commandMax, long seed, double warmupSeconds) {

    public static final int DEFAULT_ENVS = 32;
    public static final double DEFAULT_SECONDS = 20.0;
    public static final double DEFAULT_WARMUP_SECONDS = 1.0;

    public EvalOptions {
        if (envs < 2) {
            throw new IllegalArgumentException("--envs must be >= 2 (a style distance fits a Gaussian), was " + envs);
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be > 0, was " + seconds);
        }
        if ((commandMin == null) != (commandMax == null)) {
            throw new IllegalArgumentException("give both ends of the command range or neither");
        }
        if (commandMin != null && !(commandMin <= commandMax)) {
            throw new IllegalArgumentException("command range [" + commandMin + ", " + commandMax + "]: expected min <= max");
        }
        if (!(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("warm-up seconds must be >= 0, was " + warmupSeconds);
        }
    }
}
