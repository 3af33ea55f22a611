package dev.ampj.actors.run;

import dev.ampj.actors.training.IterationCoordinator;
import dev.ampj.actors.training.IterationOutcome;
import dev.ampj.actors.training.TrainingCheckpoint;
import dev.ampj.storage.event.IterationCommitted;
import java.util.NavigableMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Re-executes a logged run without writing anything: from the pipeline's start state through
 * {@code to}, comparing every iteration that the log commits with its recorded digests; stops at the
 * first divergence (iteration and component). Used by {@code amp replay --verify} and, to rebuild a
 * parent's exact state at a fork point, by {@code amp fork} (which then takes a checkpoint).
 */
public final class ReplayVerifier {

    private ReplayVerifier() {}

    /** Messages of the verifier. */
    public sealed interface Command {}

    private record Outcome(IterationOutcome outcome) implements Command {}

    private record Checkpointed(TrainingCheckpoint checkpoint) implements Command {}

    /** Where the verification ended, plus (if asked) the state after {@code to}. */
    public record Result(RunOutcome outcome, long verified, TrainingCheckpoint checkpoint) {}

    /**
     * @param start           iteration the pipeline starts from
     * @param to              last iteration to re-execute
     * @param recorded        the log's commits by iteration
     * @param takeCheckpoint  take the state after {@code to} (fork)
     */
    public static Behavior<Command> create(ActorRef<IterationCoordinator.Command> coordinator, long start, long to,
            NavigableMap<Long, IterationCommitted> recorded, boolean takeCheckpoint, TrainingListener listener,
            java.util.function.Consumer<Result> done) {
        return Behaviors.setup(ctx -> {
            ActorRef<IterationOutcome> outcomes = ctx.messageAdapter(IterationOutcome.class, Outcome::new);
            ActorRef<TrainingCheckpoint> checkpoints = ctx.messageAdapter(TrainingCheckpoint.class, Checkpointed::new);
            long[] next = {start + 1};
            Runnable step = () -> {
                if (next[0] > to) {
                    if (takeCheckpoint) {
                        coordinator.tell(new IterationCoordinator.TakeCheckpoint(checkpoints));
                    } else {
                        done.accept(new Result(new RunOutcome(RunOutcome.Kind.FINISHED, to, "verified iterations "
                                + (start + 1) + ".." + to), to, null));
                    }
                } else {
                    coordinator.tell(new IterationCoordinator.RunIteration(next[0], outcomes));
                }
            };
            step.run();
            return Behaviors.receive(Command.class)
                    .onMessage(Outcome.class, o -> {
                        if (o.outcome() instanceof IterationOutcome.Failed f) {
                            done.accept(new Result(new RunOutcome(RunOutcome.Kind.FAILED, next[0] - 1, "iteration "
                                    + f.iteration() + ": " + f.reason()), next[0] - 1, null));
                            return Behaviors.stopped();
                        }
                        IterationOutcome.Done d = (IterationOutcome.Done) o.outcome();
                        IterationCommitted c = recorded.get(d.iteration());
                        String divergence = c == null ? null : Divergence.of(c, d);
                        if (divergence != null) {
                            done.accept(new Result(new RunOutcome(RunOutcome.Kind.DIVERGED, d.iteration(), divergence),
                                    d.iteration() - 1, null));
                            return Behaviors.stopped();
                        }
                        listener.onVerified(d);
                        next[0]++;
                        step.run();
                        return Behaviors.same();
                    })
                    .onMessage(Checkpointed.class, c -> {
                        done.accept(new Result(new RunOutcome(RunOutcome.Kind.FINISHED, to, "re-executed to iteration " + to),
                                to, c.checkpoint()));
                        return Behaviors.stopped();
                    })
                    .build();
        });
    }
}
