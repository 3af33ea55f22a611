package dev.ampj.actors.env;

import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * Builds the VecEnv of one SimShard over a fixed block of global env ids. An env's trajectory must
 * depend only on (settings, seed, global env id, actions) — the VecEnv contract — so shards built
 * over different blocks of the same ids produce the same per-env results.
 */
public interface EnvFactory {

    /** What every VecEnv of this factory produces and consumes. */
    VecEnvSpec spec();

    /** A new VecEnv over {@code globalEnvIds} (ascending), seeded with the run seed. */
    VecEnv create(long seed, int[] globalEnvIds);

    /** Engine and library versions that shape trajectories (recorded in RunCreated, checked on resume). */
    java.util.Map<String, String> versions();

    /** The env's left/right mirror, when it declares one (used by {@code amp.actors.training.symmetry}). */
    default java.util.Optional<EnvMirror> mirror() {
        return java.util.Optional.empty();
    }

    /**
     * A new run's configuration as this env needs it (an external simulator sets the shard layout
     * from its connected clients); the result is what the run records.
     */
    default com.typesafe.config.Config configure(com.typesafe.config.Config config) {
        return config;
    }

    /**
     * Evaluation envs in one VecEnv, for envs that cannot be built one per commanded speed (an
     * external simulator: its envs come in the blocks its clients declare): row {@code e <
     * commands.length} is env id {@code e} of {@code seed}'s streams, commanded {@code commands[e]}
     * (m/s) in every episode and starting each from the randomised default pose; rows past them, if
     * the VecEnv has more, are stepped too and not evaluated. Empty (the default): the evaluation
     * builds one single-env VecEnv per command from the configuration.
     */
    default java.util.Optional<VecEnv> evalEnvs(long seed, double[] commands) {
        return java.util.Optional.empty();
    }

    /** Native/stepping thread settings that shape trajectories (recorded in RunCreated). */
    java.util.Map<String, String> threads();
}
