package dev.ampj.actors.config;

import com.typesafe.config.Config;
import dev.ampj.learner.config.LearnerSettings;

/**
 * {@code amp.learner} as a run uses it: {@code inference-micro-batch = auto} resolved to the run's
 * envs per shard. Everything that builds a policy's inference from a run configuration (shards,
 * sim nodes, eval, playback, export) reads the learner settings here, so they agree on it.
 */
public final class RunLearnerSettings {

    private RunLearnerSettings() {}

    public static LearnerSettings of(Config config) {
        return LearnerSettings.fromConfig(config).withShardEnvs(TrainingSettings.fromConfig(config).envsPerShard());
    }
}
