package dev.ampj.actors.cluster;

import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.storage.event.CheckpointWritten;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

    /**
     * How the submitter follows a run: its listener, made from the learner's {@link RunGateway.Started}, and
     * who is told the learner node's in-training evals (every {@code evalEvery} iterations; 0 = none).
     */
    public record Follower(Function<RunGateway.Started, TrainingListener> listener, int evalEvery, PeriodicEvaluation.Reports evals) {

        /** Only the listener; no in-training evals. */
        public static Follower of(Function<RunGateway.Started, TrainingListener> listener) {
            return new Follower(listener, 0, null);
        }
    }

    /** Submits `train`; fails with the learner's message if it refuses (name taken, bad config, busy). */
    public static RemoteRun train(ClusterClient client, String name, String config, Long iterations, Duration maxTime,
            Follower follower, Duration timeout) {
        return submit(client, name, to -> new RunGateway.SubmitTrain(name, config, iterations, millis(maxTime), follower.evalEvery(),
                to), follower, timeout);
    }

    /** Submits `resume` of run {@code name} in the learner's runs directory. */
    public static RemoteRun resume(ClusterClient client, String name, Long iterations, Duration maxTime, Follower follower,
            Duration timeout) {
        return submit(client, name, to -> new RunGateway.SubmitResume(name, iterations, millis(maxTime), follower.evalEvery(), to),
                follower, timeout);
    }

    /**
     * Submits `fork` of {@code parent} at committed iteration {@code at} (null: the one whose in-training eval on the
     * learner node came closest to the reference, `--at best`) as run {@code name} (null: named there as `amp fork`
     * names it, {@link #run()} tells the name), in the learner's runs directory;
     * {@code sets} are {@code key=value} changes with HOCON values.
     */
    public static RemoteRun fork(ClusterClient client, String parent, Long at, List<String> sets, String name, Long iterations,
            Duration maxTime, Follower follower, Duration timeout) {
        return submit(client, name, to -> new RunGateway.SubmitFork(parent, at == null ? -1 : at, at == null, List.copyOf(sets), name,
                iterations, millis(maxTime), follower.evalEvery(), to), follower, timeout);
    }

    /**
     * Submits `replay --verify` of run {@code name} in the learner's runs directory: {@code listener} is told each
     * verified iteration; the outcome is FINISHED, DIVERGED or FAILED, or fails with the learner's refusal
     * (IllegalArgumentException: no such run, iterations outside it, busy).
     */
    public static CompletableFuture<RunOutcome> replay(ClusterClient client, String name, Long from, Long to,
            TrainingListener listener) {
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        ActorRef<RunGateway.Progress> receiver = client.spawn(Behaviors.setup(ctx -> {
            ctx.watch(client.gateway());
            return Behaviors.receive(RunGateway.Progress.class)
                    .onSignal(org.apache.pekko.actor.typed.Terminated.class, t -> {
                        outcome.complete(new RunOutcome(RunOutcome.Kind.FAILED, 0, "the learner node stopped answering"));
                        return Behaviors.stopped();
                    })
                    .onMessage(RunGateway.Verified.class, v -> {
                        listener.onVerified(new dev.ampj.actors.pipeline.IterationOutcome.Done(v.iteration(), 0, v.policyDigest(),
                                v.discriminatorDigest(), java.util.Map.of(), java.util.Map.of()));
                        return Behaviors.same();
                    })
                    .onMessage(RunGateway.Ended.class, e -> {
                        outcome.complete(new RunOutcome(e.kind(), e.lastIteration(), e.message()));
                        return Behaviors.stopped();
                    })
                    .onMessage(RunGateway.Refused.class, r -> {
                        outcome.completeExceptionally(new IllegalArgumentException(r.message()));
                        return Behaviors.stopped();
                    })
                    .onAnyMessage(p -> Behaviors.same())
                    .build();
        }), "replay-progress-" + System.nanoTime());
        client.gateway().tell(new RunGateway.SubmitReplay(name, from, to, receiver));
        return outcome;
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }

    /**
     * The listener is made from the learner's {@link RunGateway.Started} (first and target iteration);
     * progress that overtakes it (another sender) waits for it.
     */
    private static RemoteRun submit(ClusterClient client, String name,
            Function<ActorRef<RunGateway.Progress>, RunGateway.Command> request,
            Follower follower, Duration timeout) {
        Function<RunGateway.Started, TrainingListener> listenerFactory = follower.listener();
        CompletableFuture<RunGateway.Started> started = new CompletableFuture<>();
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        ActorRef<RunGateway.Progress> receiver = client.spawn(Behaviors.setup(ctx -> {
            TrainingListener[] listener = new TrainingListener[1];
            List<RunGateway.Progress> early = new ArrayList<>();
            long[] lastCommitted = {0};
            // The learner node's death (SIGKILL, network) ends the wait instead of hanging it.
            ctx.watch(client.gateway());
            return Behaviors.receive(RunGateway.Progress.class)
                    .onSignal(org.apache.pekko.actor.typed.Terminated.class, t -> {
                        started.completeExceptionally(new IllegalStateException("the learner node stopped answering"));
                        String run = started.isDone() && !started.isCompletedExceptionally() ? started.join().run() : name;
                        RunOutcome o = new RunOutcome(RunOutcome.Kind.FAILED, lastCommitted[0], "the learner node stopped answering"
                                + " after iteration " + lastCommitted[0] + " of " + run + "; once it is back, `amp resume " + run
                                + " --cluster HOST:PORT` continues the run exactly");
                        if (listener[0] != null) {
                            listener[0].onEnd(o);
                        }
                        outcome.complete(o);
                        return Behaviors.stopped();
                    })
                    .onMessage(RunGateway.Committed.class, c -> {
                        lastCommitted[0] = c.iteration();
                        if (listener[0] == null) {
                            early.add(c);
                            return Behaviors.same();
                        }
                        return tell(listener[0], c, outcome) ? Behaviors.stopped() : Behaviors.same();
                    })
                    .onMessage(RunGateway.Evaluated.class, e -> {
                        if (follower.evals() != null) {
                            follower.evals().evaluated(e.styleDistance(), e.line());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(RunGateway.Note.class, n -> {
                        if (follower.evals() != null) {
                            follower.evals().note(n.line());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(RunGateway.Started.class, s -> {
                        listener[0] = listenerFactory.apply(s);
                        started.complete(s);
                        for (RunGateway.Progress p : early) {
                            if (tell(listener[0], p, outcome)) {
                                return Behaviors.stopped();
                            }
                        }
                        return Behaviors.same();
                    })
                    .onMessage(RunGateway.Refused.class, r -> {
                        started.completeExceptionally(new IllegalArgumentException(r.message()));
                        return Behaviors.stopped();
                    })
                    .onAnyMessage(p -> {
                        if (listener[0] == null) {
                            early.add(p);
                            return Behaviors.same();
                        }
                        return tell(listener[0], p, outcome) ? Behaviors.stopped() : Behaviors.same();
                    })
                    .build();
        }), "run-progress-" + System.nanoTime());
        client.gateway().tell(request.apply(receiver));
        RunGateway.Started s;
        try {
            s = started.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the learner node did not accept run " + (name != null ? name : "") + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return new RemoteRun(client, s.run(), s, outcome);
    }

    /** Tells {@code listener} one progress message; true at the end of the run. */
    private static boolean tell(TrainingListener listener, RunGateway.Progress p, CompletableFuture<RunOutcome> outcome) {
        if (p instanceof RunGateway.Committed c) {
            listener.onCommitted(c.event());
        } else if (p instanceof RunGateway.Checkpointed c) {
            listener.onCheckpoint(new CheckpointWritten(c.iteration(), c.blobDigest(), c.sizeBytes()));
        } else if (p instanceof RunGateway.Ended e) {
            RunOutcome o = new RunOutcome(e.kind(), e.lastIteration(), e.message());
            try {
                listener.onEnd(o);
            } finally {
                outcome.complete(o);
            }
            return true;
        }
        return false;
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
