package dev.ampj.actors.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code amp.actors.training} block (documented key by key in actors' reference.conf), read
 * once. Unknown keys are rejected with the list of known keys.
 *
 * @param seed             root seed of every random stream of the run (seed)
 * @param numEnvs          envs of the run, global ids 0..numEnvs-1 (num_envs)
 * @param horizon          control steps per env per iteration (num_steps_per_env)
 * @param shards           SimShards; shard i owns a fixed contiguous block of env ids
 * @param iterations       iterations the run is meant to reach (max_iterations)
 * @param checkpointEvery  a checkpoint after every this many iterations (save_interval)
 * @param telemetry        write per-env per-step telemetry records
 * @param stageTimeout     longest a stage (a shard's rollout, an update) may take before the iteration fails
 */
public record TrainingSettings(
        long seed,
        int numEnvs,
        int horizon,
        int shards,
        long iterations,
        int checkpointEvery,
        boolean telemetry,
        Duration stageTimeout) {

    public static final String PATH = "amp.actors.training";
    static final List<String> KEYS = List.of("seed", "num-envs", "horizon", "shards", "iterations", "checkpoint-every",
            "telemetry", "stage-timeout", "symmetry"); // symmetry: read when a run is created (EnvSymmetry)

    public TrainingSettings {
        positive("num-envs", numEnvs);
        positive("horizon", horizon);
        positive("shards", shards);
        positive("checkpoint-every", checkpointEvery);
        if (shards > numEnvs) {
            throw new IllegalArgumentException(PATH + ".shards = " + shards + " exceeds " + PATH + ".num-envs = " + numEnvs
                    + ": every shard needs at least one env");
        }
        if (iterations < 0) {
            throw new IllegalArgumentException(PATH + ".iterations must be >= 0, was " + iterations);
        }
        if (stageTimeout.isNegative() || stageTimeout.isZero()) {
            throw new IllegalArgumentException(PATH + ".stage-timeout must be a positive duration, was " + stageTimeout);
        }
    }

    public static TrainingSettings fromConfig(Config root) {
        Config c = root.getConfig(PATH);
        List<String> unknown = c.root().keySet().stream().filter(k -> !KEYS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown + " under " + PATH + "; known keys: "
                    + new TreeSet<>(KEYS));
        }
        return new TrainingSettings(
                c.getLong("seed"),
                c.getInt("num-envs"),
                c.getInt("horizon"),
                c.getInt("shards"),
                c.getLong("iterations"),
                c.getInt("checkpoint-every"),
                c.getBoolean("telemetry"),
                c.getDuration("stage-timeout"));
    }

    /** Transitions (env steps) per iteration. */
    public int stepsPerIteration() {
        return numEnvs * horizon;
    }

    public TrainingSettings withShards(int n) {
        return new TrainingSettings(seed, numEnvs, horizon, n, iterations, checkpointEvery, telemetry, stageTimeout);
    }

    public TrainingSettings withIterations(long n) {
        return new TrainingSettings(seed, numEnvs, horizon, shards, n, checkpointEvery, telemetry, stageTimeout);
    }

    private static void positive(String key, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(PATH + "." + key + " must be > 0, was " + v);
        }
    }
}
