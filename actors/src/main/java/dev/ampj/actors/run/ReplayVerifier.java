package dev.ampj.actors.run;

import dev.ampj.actors.pipeline.IterationCoordinator;
import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.common.Digests;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Re-executes a logged run without writing anything: from the pipeline's start state through
 * {@code to}, comparing every iteration the log commits with its recorded digests and, where the log
 * has a checkpoint, the complete re-created state with the recorded blob (learner state, every
 * shard's env state, counters); stops at the first divergence, naming iteration and component. Used
 * by {@code amp replay --verify} and, to rebuild a parent's exact state at a fork point, by
 * {@code amp fork} (which then takes the state after {@code to}).
 */
public final class ReplayVerifier extends AbstractBehavior<ReplayVerifier.Command> {

    /** Messages of the verifier. */
    public sealed interface Command {}

    private record Outcome(IterationOutcome outcome) implements Command {}

    private record Checkpointed(TrainingCheckpoint checkpoint) implements Command {}

    /** Where the verification ended, plus (if asked) the state after {@code to}. */
    public record Result(RunOutcome outcome, long verified, TrainingCheckpoint checkpoint) {}

    /**
     * What the log records: commits and checkpoints by iteration, and how to read a checkpoint blob
     * (to name the part of the state that differs).
     */
    public record Recorded(NavigableMap<Long, IterationCommitted> commits, NavigableMap<Long, CheckpointWritten> checkpoints,
            Function<CheckpointWritten, TrainingCheckpoint> load) {}

    /**
     * @param start           iteration the pipeline starts from
     * @param to              last iteration to re-execute
     * @param takeCheckpoint  take the state after {@code to} (fork)
     */
    public static Behavior<Command> create(ActorRef<IterationCoordinator.Command> coordinator, long start, long to,
            Recorded recorded, boolean takeCheckpoint, TrainingListener listener, Consumer<Result> done) {
        return Behaviors.setup(ctx -> new ReplayVerifier(ctx, coordinator, start, to, recorded, takeCheckpoint, listener, done));
    }

    private final ActorRef<IterationCoordinator.Command> coordinator;
    private final long start;
    private final long to;
    private final Recorded recorded;
    private final boolean takeCheckpoint;
    private final TrainingListener listener;
    private final Consumer<Result> done;
    private final ActorRef<IterationOutcome> outcomes;
    private final ActorRef<TrainingCheckpoint> checkpoints;
    private long last;

    private ReplayVerifier(ActorContext<Command> ctx, ActorRef<IterationCoordinator.Command> coordinator, long start, long to,
            Recorded recorded, boolean takeCheckpoint, TrainingListener listener, Consumer<Result> done) {
        super(ctx);
        this.coordinator = coordinator;
        this.start = start;
        this.to = to;
        this.recorded = recorded;
        this.takeCheckpoint = takeCheckpoint;
        this.listener = listener;
        this.done = done;
        this.outcomes = ctx.messageAdapter(IterationOutcome.class, Outcome::new);
        this.checkpoints = ctx.messageAdapter(TrainingCheckpoint.class, Checkpointed::new);
        this.last = start;
        next();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Outcome.class, this::onOutcome)
                .onMessage(Checkpointed.class, this::onCheckpoint)
                .build();
    }

    private void next() {
        if (last < to) {
            coordinator.tell(new IterationCoordinator.RunIteration(last + 1, outcomes));
        } else if (takeCheckpoint || recorded.checkpoints().containsKey(last) && last > start) {
            coordinator.tell(new IterationCoordinator.TakeCheckpoint(checkpoints));
        } else {
            finish();
        }
    }

    private void finish() {
        done.accept(new Result(new RunOutcome(RunOutcome.Kind.FINISHED, to, "verified iterations " + (start + 1) + ".." + to),
                to, null));
    }

    private Behavior<Command> onOutcome(Outcome o) {
        if (o.outcome() instanceof IterationOutcome.Failed f) {
            done.accept(new Result(new RunOutcome(RunOutcome.Kind.FAILED, last, "iteration " + f.iteration() + ": "
                    + f.reason()), last, null));
            return Behaviors.stopped();
        }
        IterationOutcome.Done d = (IterationOutcome.Done) o.outcome();
        IterationCommitted c = recorded.commits().get(d.iteration());
        String divergence = c == null ? null : Divergence.of(c, d);
        if (divergence != null) {
            return diverged(d.iteration(), divergence);
        }
        listener.onVerified(d);
        last = d.iteration();
        if (last < to && recorded.checkpoints().containsKey(last)) {
            coordinator.tell(new IterationCoordinator.TakeCheckpoint(checkpoints)); // verify the whole state here first
        } else {
            next();
        }
        return this;
    }

    private Behavior<Command> onCheckpoint(Checkpointed c) {
        TrainingCheckpoint state = c.checkpoint();
        CheckpointWritten written = recorded.checkpoints().get(state.iteration());
        if (written != null) {
            String digest = Digests.sha256Hex(state.encode());
            if (!digest.equals(written.blobDigest())) {
                return diverged(state.iteration(), "iteration " + state.iteration() + ", component "
                        + differingPart(recorded.load().apply(written), state) + ": the re-created checkpoint hashes to "
                        + digest + ", the log records " + written.blobDigest());
            }
        }
        if (state.iteration() == to) {
            done.accept(new Result(new RunOutcome(RunOutcome.Kind.FINISHED, to, "verified iterations " + (start + 1) + ".." + to),
                    to, takeCheckpoint ? state : null));
            return Behaviors.stopped();
        }
        next();
        return this;
    }

    /** Which part of the state differs between the recorded and the re-created checkpoint. */
    static String differingPart(TrainingCheckpoint recordedState, TrainingCheckpoint state) {
        if (!Arrays.equals(recordedState.learnerState(), state.learnerState())) {
            return "learner state";
        }
        for (int s = 0; s < Math.min(recordedState.shards(), state.shards()); s++) {
            if (!Arrays.equals(recordedState.envStates()[s], state.envStates()[s])) {
                return "env state of shard " + s;
            }
        }
        return "counters (env steps, global step, expert sampler position)";
    }

    private Behavior<Command> diverged(long iteration, String divergence) {
        done.accept(new Result(new RunOutcome(RunOutcome.Kind.DIVERGED, iteration, divergence), iteration - 1, null));
        return Behaviors.stopped();
    }
}
