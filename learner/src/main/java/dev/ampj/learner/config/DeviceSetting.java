package dev.ampj.learner.config;

/**
 * {@code amp.learner.device}: where the learner's updates run. {@code auto} takes the first CUDA
 * device DJL finds and the CPU otherwise; {@code cuda} requires one. Rollout-side inference always
 * runs on the CPU of the shard that steps the envs.
 */
public enum DeviceSetting {
    AUTO, CPU, CUDA;

    static DeviceSetting parse(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
