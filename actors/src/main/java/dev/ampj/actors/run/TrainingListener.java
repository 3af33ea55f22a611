package dev.ampj.actors.run;

import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;

/**
 * Told what a run does, on the RunSupervisor's thread (keep it quick): the CLI prints its table
 * from it, tests collect digests. Every method has a no-op default.
 */
public interface TrainingListener {

    /** Iteration {@code committed} is durable in the run's log. */
    default void onCommitted(IterationCommitted committed) {}

    /** A re-executed iteration (resume/fork/replay) reproduced its recorded digests. */
    default void onVerified(IterationOutcome.Done done) {}

    default void onCheckpoint(CheckpointWritten checkpoint) {}

    /** The run stopped (finished, stopped on request, failed or diverged); called once. */
    default void onEnd(RunOutcome outcome) {}

    /** Tells {@code first}, then {@code second}, of every event. */
    static TrainingListener both(TrainingListener first, TrainingListener second) {
        return new TrainingListener() {
            @Override
            public void onCommitted(IterationCommitted committed) {
                first.onCommitted(committed);
                second.onCommitted(committed);
            }

            @Override
            public void onVerified(IterationOutcome.Done done) {
                first.onVerified(done);
                second.onVerified(done);
            }

            @Override
            public void onCheckpoint(CheckpointWritten checkpoint) {
                first.onCheckpoint(checkpoint);
                second.onCheckpoint(checkpoint);
            }

            @Override
            public void onEnd(RunOutcome outcome) {
                first.onEnd(outcome);
                second.onEnd(outcome);
            }
        };
    }
}
