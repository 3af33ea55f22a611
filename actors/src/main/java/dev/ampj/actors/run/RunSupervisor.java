package dev.ampj.actors.run;

import dev.ampj.actors.pipeline.IterationCoordinator;
import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.storage.checkpoint.CheckpointRef;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunFailed;
import dev.ampj.storage.event.RunFinished;
import dev.ampj.storage.event.RunResumed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The run: an event-sourced actor whose journal IS the run's events queue (persistence id = run
 * name, journal {@code amp.storage.journal}). It owns the iteration state machine — open k, run k
 * through the {@link IterationCoordinator}, commit k with its digests, checkpoint every C — and
 * nothing is committed that is not durable first. Checkpoint files are written and fsynced on the
 * blocking-I/O dispatcher ({@link #IO_DISPATCHER}); the result comes back as a message.
 *
 * <p>On recovery (resume) it knows the last committed iteration and the commits after the latest
 * checkpoint; the pipeline restarts from that checkpoint, and every re-executed iteration must
 * reproduce its recorded digests (else RunFailed names the iteration and component). A stop request
 * (Ctrl-C, deadline) takes effect at the next iteration boundary; an iteration opened but never
 * committed is simply re-run by the next resume.
 *
 * <p>State: what the log says is the persisted {@link RunState}, an immutable value each event
 * replaces. What only this session knows (the next iteration to run, a pending stop, whether its
 * start is recorded, whether it ended) cannot live there — an event-sourced state changes only by
 * persisted events — so it is one immutable {@link Session} value, replaced by the handlers.
 */
public final class RunSupervisor extends EventSourcedBehavior<RunSupervisor.Command, RunEvent, RunState> {

    /** Messages the RunSupervisor accepts. */
    public sealed interface Command {}

    /** Stop at the next iteration boundary. */
    public record Stop() implements Command {}

    private record Next() implements Command {}

    private record Outcome(IterationOutcome outcome) implements Command {}

    private record Checkpointed(TrainingCheckpoint checkpoint) implements Command {}

    /** The checkpoint of {@code iteration} is durable in the store (written off the actor's thread). */
    private record CheckpointStored(long iteration, CheckpointRef ref, double writeMillis) implements Command {}

    private record CheckpointFailed(long iteration, Throwable cause) implements Command {}

    public static final String JOURNAL = "amp.storage.journal";
    public static final String SNAPSHOT_STORE = "pekko.persistence.no-snapshot-store";
    /** Where checkpoints are written and fsynced (actors' reference.conf). */
    public static final String IO_DISPATCHER = "amp.actors.blocking-io-dispatcher";

    public static Behavior<Command> create(RunPlan plan, ActorRef<IterationCoordinator.Command> coordinator,
            TrainingListener listener) {
        return Behaviors.setup(ctx -> new RunSupervisor(ctx, plan, coordinator, listener));
    }

    private final ActorContext<Command> ctx;
    private final RunPlan plan;
    private final ActorRef<IterationCoordinator.Command> coordinator;
    private final TrainingListener listener;
    private final ActorRef<IterationOutcome> outcomes;
    private final ActorRef<TrainingCheckpoint> checkpoints;
    private Session session;

    /**
     * What this session knows beside the log.
     *
     * @param next                 the iteration to run next
     * @param stopRequested        stop at the next iteration boundary
     * @param recorded             this session's start is in the log: RunCreated for a new run, RunResumed for a resume
     * @param ended                the listener has been told the outcome; nothing more happens
     * @param previousCommitMillis wall time of the previous commit (and checkpoint): stored with the next commit,
     *                             never digested
     */
    record Session(long next, boolean stopRequested, boolean recorded, boolean ended, double previousCommitMillis) {

        static Session startingAt(long next) {
            return new Session(next, false, false, false, 0);
        }

        Session withNext(long iteration) {
            return new Session(iteration, stopRequested, recorded, ended, previousCommitMillis);
        }

        Session withStopRequested() {
            return new Session(next, true, recorded, ended, previousCommitMillis);
        }

        Session withRecorded() {
            return new Session(next, stopRequested, true, ended, previousCommitMillis);
        }

        Session withEnded() {
            return new Session(next, stopRequested, recorded, true, previousCommitMillis);
        }

        Session withCommitMillis(double millis) {
            return new Session(next, stopRequested, recorded, ended, millis);
        }
    }

    private RunSupervisor(ActorContext<Command> ctx, RunPlan plan, ActorRef<IterationCoordinator.Command> coordinator,
            TrainingListener listener) {
        super(PersistenceId.ofUniqueId(plan.run()));
        this.ctx = ctx;
        this.plan = plan;
        this.coordinator = coordinator;
        this.listener = listener;
        this.outcomes = ctx.messageAdapter(IterationOutcome.class, Outcome::new);
        this.checkpoints = ctx.messageAdapter(TrainingCheckpoint.class, Checkpointed::new);
        this.session = Session.startingAt(plan.startIteration() + 1);
        ctx.watch(coordinator);
    }

    @Override
    public String journalPluginId() {
        return JOURNAL;
    }

    @Override
    public String snapshotPluginId() {
        return SNAPSHOT_STORE;
    }

    @Override
    public RunState emptyState() {
        return RunState.EMPTY;
    }

    @Override
    public EventHandler<RunState, RunEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(RunState::apply);
    }

    @Override
    public SignalHandler<RunState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> ctx.getSelf().tell(new Next()))
                .onSignal(org.apache.pekko.actor.typed.Terminated.class, (state, t) -> {
                    if (!session.ended()) {
                        end(new RunOutcome(RunOutcome.Kind.FAILED, state.lastCommitted(), "the iteration coordinator stopped"));
                    }
                })
                .build();
    }

    @Override
    public CommandHandler<Command, RunEvent, RunState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Next.class, this::onNext)
                .onCommand(Stop.class, (state, s) -> {
                    session = session.withStopRequested();
                    return Effect().none();
                })
                .onCommand(Outcome.class, this::onOutcome)
                .onCommand(Checkpointed.class, this::onCheckpointed)
                .onCommand(CheckpointStored.class, this::onCheckpointStored)
                .onCommand(CheckpointFailed.class, this::onCheckpointFailed)
                .build();
    }

    private Effect<RunEvent, RunState> onNext(RunState state, Next n) {
        if (session.ended()) {
            return Effect().none();
        }
        if (!state.isCreated()) {
            session = session.withRecorded();
            List<RunEvent> first = new ArrayList<>();
            first.add(plan.created());
            if (plan.initialCheckpoint() != null) {
                first.add(plan.initialCheckpoint());
            }
            return Effect().persist(first).thenRun(s -> ctx.getSelf().tell(new Next()));
        }
        if (!session.recorded()) {
            session = session.withRecorded();
            return Effect().persist(new RunResumed(state.lastCommitted(), plan.targetIteration()))
                    .thenRun(s -> ctx.getSelf().tell(new Next()));
        }
        long k = session.next();
        if (k > plan.targetIteration() && k > state.lastCommitted()) {
            long last = state.lastCommitted();
            return Effect().persist(new RunFinished(last)).thenRun(s -> end(new RunOutcome(RunOutcome.Kind.FINISHED, last,
                    "run " + plan.run() + " finished at iteration " + last)));
        }
        if (k > state.lastCommitted() && (session.stopRequested() || pastDeadline())) {
            end(new RunOutcome(RunOutcome.Kind.STOPPED, state.lastCommitted(), "run " + plan.run() + " stopped after iteration "
                    + state.lastCommitted() + (session.stopRequested() ? " (on request)" : " (time limit)")));
            return Effect().none();
        }
        if (k <= state.lastCommitted()) {
            coordinator.tell(new IterationCoordinator.RunIteration(k, outcomes)); // re-execution: nothing is persisted
            return Effect().none();
        }
        return Effect().persist(new IterationOpened(k))
                .thenRun(s -> coordinator.tell(new IterationCoordinator.RunIteration(k, outcomes)));
    }

    private boolean pastDeadline() {
        return plan.deadlineNanos() != 0 && System.nanoTime() - plan.deadlineNanos() > 0;
    }

    private Effect<RunEvent, RunState> onOutcome(RunState state, Outcome o) {
        if (o.outcome() instanceof IterationOutcome.Failed f) {
            long last = state.lastCommitted();
            return Effect().persist(new RunFailed(last, "iteration " + f.iteration() + ": " + f.reason()))
                    .thenRun(s -> end(new RunOutcome(RunOutcome.Kind.FAILED, last, f.reason())));
        }
        IterationOutcome.Done d = (IterationOutcome.Done) o.outcome();
        if (d.iteration() <= state.lastCommitted()) {
            return verify(state, d);
        }
        long t0 = System.nanoTime();
        java.util.LinkedHashMap<String, Double> stages = new java.util.LinkedHashMap<>(d.stageMillis());
        stages.put("previous_commit", session.previousCommitMillis());
        IterationCommitted c = new IterationCommitted(d.iteration(), d.envSteps(), d.policyDigest(),
                d.discriminatorDigest(), d.statistics(), stages);
        return Effect().persist(c).thenRun(s -> {
            double commitMillis = (System.nanoTime() - t0) / 1e6;
            session = session.withCommitMillis(commitMillis).withNext(d.iteration() + 1);
            listener.onCommitted(withCommitTime(c, commitMillis));
            if (d.iteration() % plan.checkpointEvery() == 0) {
                coordinator.tell(new IterationCoordinator.TakeCheckpoint(checkpoints));
            } else {
                ctx.getSelf().tell(new Next());
            }
        });
    }

    /** The listener sees the commit with its own duration added (the stored event has the pipeline stages). */
    private static IterationCommitted withCommitTime(IterationCommitted c, double commitMillis) {
        java.util.LinkedHashMap<String, Double> stages = new java.util.LinkedHashMap<>(c.stageMillis());
        stages.put("commit", commitMillis);
        return new IterationCommitted(c.iteration(), c.envSteps(), c.policyDigest(), c.discriminatorDigest(), c.statistics(),
                stages);
    }

    private Effect<RunEvent, RunState> verify(RunState state, IterationOutcome.Done d) {
        IterationCommitted recorded = state.committed(d.iteration());
        String divergence = recorded == null ? null : Divergence.of(recorded, d);
        if (divergence != null) {
            long last = state.lastCommitted();
            String reason = "re-execution diverged from the log: " + divergence;
            return Effect().persist(new RunFailed(last, reason))
                    .thenRun(s -> end(new RunOutcome(RunOutcome.Kind.DIVERGED, d.iteration(), reason)));
        }
        listener.onVerified(d);
        session = session.withNext(d.iteration() + 1);
        ctx.getSelf().tell(new Next());
        return Effect().none();
    }

    /** Writes the checkpoint on the blocking-I/O dispatcher; nothing else happens until it is durable. */
    private Effect<RunEvent, RunState> onCheckpointed(RunState state, Checkpointed c) {
        TrainingCheckpoint cp = c.checkpoint();
        Executor io = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(IO_DISPATCHER));
        ctx.pipeToSelf(CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            CheckpointRef ref = plan.checkpoints().put(cp.encode());
            return new CheckpointStored(cp.iteration(), ref, (System.nanoTime() - t0) / 1e6);
        }, io), (stored, failure) -> failure == null ? stored : new CheckpointFailed(cp.iteration(), failure));
        return Effect().none();
    }

    private Effect<RunEvent, RunState> onCheckpointStored(RunState state, CheckpointStored c) {
        long t0 = System.nanoTime();
        CheckpointWritten w = new CheckpointWritten(c.iteration(), c.ref().digest(), c.ref().sizeBytes());
        return Effect().persist(w).thenRun(s -> {
            session = session.withCommitMillis(session.previousCommitMillis() + c.writeMillis() + (System.nanoTime() - t0) / 1e6);
            listener.onCheckpoint(w);
            ctx.getSelf().tell(new Next());
        });
    }

    private Effect<RunEvent, RunState> onCheckpointFailed(RunState state, CheckpointFailed f) {
        Throwable cause = f.cause() instanceof CompletionException && f.cause().getCause() != null ? f.cause().getCause() : f.cause();
        long last = state.lastCommitted();
        String reason = "checkpoint of iteration " + f.iteration() + " could not be written: " + cause;
        return Effect().persist(new RunFailed(last, reason)).thenRun(s -> end(new RunOutcome(RunOutcome.Kind.FAILED, last, reason)));
    }

    private void end(RunOutcome outcome) {
        if (session.ended()) {
            return;
        }
        session = session.withEnded();
        listener.onEnd(outcome);
    }
}
