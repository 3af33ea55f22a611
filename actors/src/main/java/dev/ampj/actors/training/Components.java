package dev.ampj.actors.training;

import com.typesafe.config.Config;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * Where a run's envs and reference motion come from, given its resolved configuration: the default
 * robot and reference gaits in production, small deterministic envs in tests.
 */
public interface Components {

    EnvFactory envs(Config config);

    /** The expert AMP pair sampler over the reference motion, for envs of {@code spec}, seeded with the run seed. */
    ExpertMotion expert(Config config, VecEnvSpec spec, long seed);
}
