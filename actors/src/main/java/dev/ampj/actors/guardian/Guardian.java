package dev.ampj.actors.guardian;

import dev.ampj.actors.config.PipelineContext;
import dev.ampj.actors.env.ExpertMotion;
import dev.ampj.actors.learn.DiscriminatorTrainerActor;
import dev.ampj.actors.learn.PpoLearnerActor;
import dev.ampj.actors.learn.TrajectoryBufferActor;
import dev.ampj.actors.pipeline.IterationCoordinator;
import dev.ampj.actors.run.ReplayVerifier;
import dev.ampj.actors.run.RunPlan;
import dev.ampj.actors.run.RunSupervisor;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.actors.shard.LocalShards;
import dev.ampj.actors.shard.ShardDirectory;
import dev.ampj.actors.telemetry.TelemetryWriterActor;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.state.LearnerState;
import dev.ampj.storage.telemetry.TelemetryWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Composition root of one run's pipeline on this node: spawns the TelemetryWriterActor, the
 * PpoLearnerActor and DiscriminatorTrainerActor (each on its own thread, so the two updates run
 * concurrently; each gets its own half of the {@link AmpLearner}, the one object they would
 * otherwise share), the TrajectoryBufferActor (on its own thread: it polls and decodes Aeron on a timer), the
 * IterationCoordinator (which starts the shards through a {@link ShardDirectory}) and the driver: the event-sourced {@link RunSupervisor} when training, a
 * {@link ReplayVerifier} when re-executing without writing.
 */
public final class Guardian {

    private Guardian() {}

    /** Messages of the guardian. */
    public sealed interface Command {}

    /** Stop the run at the next iteration boundary. */
    public record Stop() implements Command {}

    /** Replies once the telemetry of every completed iteration is written (before a shutdown). */
    public record FlushTelemetry(ActorRef<Done> replyTo) implements Command {}

    /** Stops the pipeline (children first) and replies once it is stopped; for a pipeline inside a longer-lived system. */
    public record Shutdown(ActorRef<Done> replyTo) implements Command {}

    /** What drives the pipeline. */
    public sealed interface Driver {}

    /** Train: the run's supervisor commits to the log. */
    public record Train(RunPlan plan, TrainingListener listener) implements Driver {}

    /** Re-execute without writing, comparing with {@code recorded}; optionally take the state after {@code to}. */
    public record Replay(long to, ReplayVerifier.Recorded recorded, boolean takeCheckpoint,
            TrainingListener listener, Consumer<ReplayVerifier.Result> done) implements Driver {}

    public static Behavior<Command> create(PipelineContext pipeline, AmpLearner learner, ExpertMotion expert,
            Supplier<TelemetryWriter> telemetry, ShardDirectory shards, IterationCoordinator.Start start,
            Driver driver) {
        return Behaviors.setup(ctx -> {
            DispatcherSelector pinned = DispatcherSelector.fromConfig(LocalShards.DISPATCHER);
            ActorRef<PpoLearnerActor.Command> ppo = ctx.spawn(PpoLearnerActor.create(learner.ppo(), pipeline.aeron(),
                    pipeline.policyTransport(), pipeline.runId()), "ppo-learner", pinned);
            ActorRef<DiscriminatorTrainerActor.Command> disc = ctx.spawn(DiscriminatorTrainerActor.create(
                    learner.discriminator(), expert, pipeline.dims().ampObs()), "discriminator-trainer", pinned);
            ActorRef<TrajectoryBufferActor.Command> buffer = ctx.spawn(TrajectoryBufferActor.create(
                    new TrajectoryBufferActor.Settings(pipeline.runId(), pipeline.training().horizon(), pipeline.layout(),
                            pipeline.dims(), pipeline.trajectoryTransport()), pipeline.aeron()),
                    "trajectory-buffer", pinned); // it polls and decodes Aeron every 2 ms on its own thread
            ActorRef<TelemetryWriterActor.Command> telemetryWriter = telemetry == null ? null
                    : ctx.spawn(TelemetryWriterActor.create(telemetry, pipeline.layout()), "telemetry-writer", pinned);
            ActorRef<IterationCoordinator.Command> coordinator = ctx.spawn(IterationCoordinator.create(pipeline.training(),
                    new LearnerState.Header(learner.dims(), learner.seed()),
                    new IterationCoordinator.Actors(ppo, disc, buffer, telemetryWriter),
                    (c, ready, moving) -> shards.start(c, pipeline, ready, moving), start), "coordinator");
            if (driver instanceof Train t) {
                ActorRef<RunSupervisor.Command> supervisor = ctx.spawn(RunSupervisor.create(t.plan(), coordinator, t.listener()),
                        "run-supervisor");
                return Behaviors.receive(Command.class)
                        .onMessage(Stop.class, s -> {
                            supervisor.tell(new RunSupervisor.Stop());
                            return Behaviors.same();
                        })
                        .onMessage(FlushTelemetry.class, f -> flush(telemetryWriter, f))
                        .onMessage(Shutdown.class, Guardian::shutdown)
                        .build();
            }
            Replay r = (Replay) driver;
            ctx.spawn(ReplayVerifier.create(coordinator, start.iteration(), r.to(), r.recorded(), r.takeCheckpoint(), r.listener(),
                    r.done()), "replay-verifier");
            return Behaviors.receive(Command.class)
                    .onMessage(Stop.class, s -> Behaviors.same())
                    .onMessage(FlushTelemetry.class, f -> flush(telemetryWriter, f))
                    .onMessage(Shutdown.class, Guardian::shutdown)
                    .build();
        });
    }

    private static Behavior<Command> shutdown(Shutdown s) {
        return Behaviors.stopped(() -> s.replyTo().tell(Done.getInstance()));
    }

    private static Behavior<Command> flush(ActorRef<TelemetryWriterActor.Command> telemetry, FlushTelemetry f) {
        if (telemetry == null) {
            f.replyTo().tell(Done.getInstance());
        } else {
            telemetry.tell(new TelemetryWriterActor.Flush(f.replyTo()));
        }
        return Behaviors.same();
    }
}
