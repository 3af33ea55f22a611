package dev.ampj.actors.env;

import com.typesafe.config.Config;
import dev.ampj.learner.config.LearnerSettings;

/**
 * {@code amp.learner} as a run uses it: {@code inference-micro-batch = auto} resolved to the run's
 * envs per shard (ceil(num-envs / shards), the largest block of the shard layout). Everything that
 * builds a policy's inference from a run configuration (shards, sim nodes, eval, playback, export)
 * reads the learner settings here, so they agree on it. It sits below the config layer so that eval
 * may use it; {@code TrainingSettings} validates the training keys before any run starts.
 */
public final class RunLearnerSettings {

    static final String NUM_ENVS = "amp.actors.training.num-envs";
    static final String SHARDS = "amp.actors.training.shards";

    private RunLearnerSettings() {}

    public static LearnerSettings of(Config config) {
        int envs = config.getInt(NUM_ENVS);
        int shards = config.getInt(SHARDS);
        if (envs <= 0 || shards <= 0) {
            throw new IllegalArgumentException(NUM_ENVS + " = " + envs + " and " + SHARDS + " = " + shards
                    + ": both must be > 0");
        }
        return LearnerSettings.fromConfig(config).withShardEnvs((envs + shards - 1) / shards);
    }
}
