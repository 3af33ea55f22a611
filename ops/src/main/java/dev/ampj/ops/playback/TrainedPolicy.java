package dev.ampj.ops.playback;

import com.typesafe.config.Config;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunLogReader;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A run's learner state after one committed iteration, with the run's configuration and seed: its
 * checkpoint there, or re-execution from the checkpoint before it (every digest checked).
 */
public record TrainedPolicy(String run, long iteration, Config config, long seed, byte[] learnerState) {

    /** {@code run} at {@code iteration} (null: its last commit); an unknown run or iteration is refused, naming both. */
    public static TrainedPolicy load(RunStore store, String run, Long iteration) {
        return load(store, run, iteration, line -> { });
    }

    /** As {@link #load(RunStore, String, Long)}; {@code note} is told when the state must be re-executed first (it takes a while). */
    public static TrainedPolicy load(RunStore store, String run, Long iteration, Consumer<String> note) {
        RunCreated created;
        long at;
        try (RunLogReader r = store.openReader(run)) {
            created = r.runCreated();
            at = iteration != null ? iteration : r.lastCommitted().map(IterationCommitted::iteration).orElseThrow(() ->
                    new IllegalArgumentException("run " + run + " has committed no iteration yet"));
            Optional<CheckpointWritten> checkpoint = r.latestCheckpointAtOrBefore(at);
            if (checkpoint.isEmpty() || checkpoint.get().iteration() != at) {
                note.accept("amp: no checkpoint of " + run + " at iteration " + at + "; re-executing from "
                        + checkpoint.map(c -> "the checkpoint at " + c.iteration()).orElse("its start") + " (digests checked)");
            }
        }
        TrainingCheckpoint state = CommandSupport.trainer(store).stateAt(run, at);
        return new TrainedPolicy(run, at, RunConfig.parse(created.config(), run), created.seed(), state.learnerState());
    }
}
