package dev.ampj.actors.pipeline;

import java.util.Map;

/** How one iteration ended, as the IterationCoordinator reports it. */
public sealed interface IterationOutcome {

    long iteration();

    /**
     * The iteration's updates are done.
     *
     * @param envSteps    env steps of the run including this iteration
     * @param statistics  learner and rollout statistics in a fixed order (digested when committed)
     * @param stageMillis per-stage wall times (never digested)
     */
    record Done(long iteration, long envSteps, String policyDigest, String discriminatorDigest,
            Map<String, Double> statistics, Map<String, Double> stageMillis) implements IterationOutcome {}

    /** The iteration could not be completed (a stage failed or timed out); nothing of it is kept. */
    record Failed(long iteration, String reason) implements IterationOutcome {}
}
