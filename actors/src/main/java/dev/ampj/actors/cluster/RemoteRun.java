package dev.ampj.actors.cluster;

import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.storage.event.CheckpointWritten;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A run submitted to the learner node, seen from the submitter: its progress is told to a local
 * {@link TrainingListener} exactly as a local run tells it, so the CLI's table works unchanged.
 */
public final class RemoteRun {

    private final ClusterClient client;
    private final String run;
    private final RunGateway.Started started;
    private final CompletableFuture<RunOutcome> outcome;

    private RemoteRun(ClusterClient client, String run, RunGateway.Started started, CompletableFuture<RunOutcome> outcome) {
        this.client = client;
        this.run = run;
        this.started = started;
        this.outcome = outcome;
    }

    /** Submits `train`; fails with the learner's message if it refuses (name taken, bad config, busy). */
    public static RemoteRun train(ClusterClient client, String name, String config, Long iterations, Duration maxTime,
            TrainingListener listener, Duration timeout) {
        CompletableFuture<RunGateway.Started> started = new CompletableFuture<>();
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        ActorRef<RunGateway.Progress> receiver = client.spawn(Behaviors.receive(RunGateway.Progress.class)
                .onMessage(RunGateway.Started.class, s -> {
                    started.complete(s);
                    return Behaviors.same();
                })
                .onMessage(RunGateway.Refused.class, r -> {
                    started.completeExceptionally(new IllegalArgumentException(r.message()));
                    return Behaviors.stopped();
                })
                .onMessage(RunGateway.Committed.class, c -> {
                    listener.onCommitted(c.event());
                    return Behaviors.same();
                })
                .onMessage(RunGateway.Checkpointed.class, c -> {
                    listener.onCheckpoint(new CheckpointWritten(c.iteration(), c.blobDigest(), c.sizeBytes()));
                    return Behaviors.same();
                })
                .onMessage(RunGateway.Ended.class, e -> {
                    RunOutcome o = new RunOutcome(e.kind(), e.lastIteration(), e.message());
                    try {
                        listener.onEnd(o);
                    } finally {
                        outcome.complete(o);
                    }
                    return Behaviors.stopped();
                })
                .build(), "run-progress");
        client.gateway().tell(new RunGateway.SubmitTrain(name, config, iterations, maxTime == null ? null : maxTime.toMillis(),
                receiver));
        RunGateway.Started s;
        try {
            s = started.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the learner node did not accept run " + name + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return new RemoteRun(client, name, s, outcome);
    }

    public String run() {
        return run;
    }

    /** Where the run lives on the learner's machine, and its target iteration. */
    public RunGateway.Started started() {
        return started;
    }

    public CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    public void requestStop() {
        client.gateway().tell(new RunGateway.StopRun(run));
    }
}
