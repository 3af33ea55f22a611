package dev.ampj.storage.event;

import java.util.Map;

/**
 * Iteration {@code iteration} is done and durable: replay must reproduce both digests exactly.
 *
 * @param envSteps             environment steps taken by the run up to and including this iteration
 * @param policyDigest         SHA-256 (hex) of the policy parameters after the update
 * @param discriminatorDigest  SHA-256 (hex) of the discriminator parameters after the update
 * @param statistics           learner statistics in the learner's order (digested)
 * @param stageMillis          per-stage wall timings (stored, never digested)
 */
public record IterationCommitted(
        long iteration,
        long envSteps,
        String policyDigest,
        String discriminatorDigest,
        Map<String, Double> statistics,
        Map<String, Double> stageMillis) implements RunEvent {

    public static final int TYPE_TAG = 3;

    public IterationCommitted {
        if (iteration < 1) {
            throw new IllegalArgumentException("iteration must be >= 1, was " + iteration);
        }
        if (envSteps < 0) {
            throw new IllegalArgumentException("envSteps must be >= 0, was " + envSteps);
        }
        Sha256Hex.require(policyDigest, "policyDigest");
        Sha256Hex.require(discriminatorDigest, "discriminatorDigest");
        statistics = EventMaps.ordered(statistics, "statistics");
        stageMillis = EventMaps.ordered(stageMillis, "stageMillis");
    }

    @Override
    public int typeTag() {
        return TYPE_TAG;
    }
}
