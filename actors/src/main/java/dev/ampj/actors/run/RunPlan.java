package dev.ampj.actors.run;

import dev.ampj.storage.checkpoint.CheckpointStore;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.RunCreated;

/**
 * What a RunSupervisor is to do with its run.
 *
 * @param created           the run's first event (persisted when the run's log is empty)
 * @param initialCheckpoint a fork's start state, stored in the child's checkpoint store and persisted
 *                          right after {@code created}; null otherwise
 * @param startIteration    the iteration the pipeline's state is at when it starts (its checkpoint, or 0)
 * @param targetIteration   stop (finished) after committing this iteration
 * @param checkpointEvery   a checkpoint after every iteration divisible by this
 * @param deadlineNanos     {@link System#nanoTime()} after which the run stops at the next boundary (0: none)
 * @param checkpoints       the run's checkpoint store
 */
public record RunPlan(
        RunCreated created,
        CheckpointWritten initialCheckpoint,
        long startIteration,
        long targetIteration,
        int checkpointEvery,
        long deadlineNanos,
        CheckpointStore checkpoints) {

    public String run() {
        return created.run();
    }
}
