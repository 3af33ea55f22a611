package dev.ampj.storage.telemetry;

/**
 * What one environment did at one step: the probe's unit. The combined reward is what PPO saw
 * (task and style reward blended by the AMP coefficients).
 */
public record TelemetryRecord(
        String run,
        long iteration,
        long step,
        int envId,
        long episodeId,
        float taskReward,
        float discriminatorScore,
        float styleReward,
        float combinedReward,
        boolean done) {}
