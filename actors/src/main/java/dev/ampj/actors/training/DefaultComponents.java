package dev.ampj.actors.training;

import com.typesafe.config.Config;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnvSpec;

/** The platform's built-in robot ({@code amp.sim.robot}) and its reference motion ({@code amp.motion}). */
public final class DefaultComponents implements Components {

    @Override
    public EnvFactory envs(Config config) {
        SimSettings sim = SimSettings.fromConfig(config);
        throw new IllegalStateException("robot '" + sim.robot() + "' is not available in this build of the platform");
    }

    @Override
    public ExpertMotion expert(Config config, VecEnvSpec spec, long seed) {
        throw new IllegalStateException("reference motion for robot '" + spec.robot() + "' is not available in this build");
    }
}
