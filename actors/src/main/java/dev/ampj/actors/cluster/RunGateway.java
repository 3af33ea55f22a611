package dev.ampj.actors.cluster;

import com.typesafe.config.Config;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.actors.training.Components;
import dev.ampj.actors.training.RunConfig;
import dev.ampj.actors.training.Session;
import dev.ampj.actors.training.Trainer;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The learner node's door for runs ({@code /system/run-gateway}): `amp train --cluster` submits a run
 * here from any machine and is told its progress (the same events a local run tells its table).
 * The run lives in this node's runs directory and actor system, its shards on the sim nodes.
 */
public final class RunGateway extends AbstractBehavior<RunGateway.Command> {

    public static final String NAME = "run-gateway";

    /** Messages of the gateway. */
    public sealed interface Command {}

    /** Train run {@code name} from {@code config} (the resolved amp tree, as `RunConfig.render` writes it) to {@code iterations}. */
    public record SubmitTrain(String name, String config, Long iterations, Long maxMillis, ActorRef<Progress> replyTo)
            implements Command, CborSerializable {}

    /** Stop run {@code name} at its next iteration boundary. */
    public record StopRun(String name) implements Command, CborSerializable {}

    /** The cluster as this node sees it. */
    public record GetClusterStatus(ActorRef<ClusterStatus.View> replyTo) implements Command, CborSerializable {}

    /** What a submitter is told. */
    public sealed interface Progress extends CborSerializable {}

    public record Started(String run, String runsDir, long target) implements Progress {}

    public record Committed(long iteration, long envSteps, String policyDigest, String discriminatorDigest,
            Map<String, Double> statistics, Map<String, Double> stageMillis) implements Progress {
        public IterationCommitted event() {
            return new IterationCommitted(iteration, envSteps, policyDigest, discriminatorDigest, statistics, stageMillis);
        }
    }

    public record Checkpointed(long iteration, String blobDigest, long sizeBytes) implements Progress {}

    public record Ended(RunOutcome.Kind kind, long lastIteration, String message) implements Progress {}

    public record Refused(String message) implements Progress {}

    private record SessionClosed(String run) implements Command {}

    public static Behavior<Command> create(Components components, RunStore store, ClusterNode node) {
        return Behaviors.setup(ctx -> new RunGateway(ctx, components, store, node));
    }

    private final Components components;
    private final RunStore store;
    private final ClusterNode node;
    private final Map<String, Session> sessions = new TreeMap<>();

    private RunGateway(ActorContext<Command> ctx, Components components, RunStore store, ClusterNode node) {
        super(ctx);
        this.components = components;
        this.store = store;
        this.node = node;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(SubmitTrain.class, this::onSubmit)
                .onMessage(StopRun.class, this::onStop)
                .onMessage(GetClusterStatus.class, this::onStatus)
                .onMessage(SessionClosed.class, c -> {
                    sessions.remove(c.run());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onSubmit(SubmitTrain s) {
        Session session;
        try {
            if (!sessions.isEmpty()) {
                throw new IllegalArgumentException("this learner node is training " + sessions.keySet()
                        + "; one run at a time (wait for it or stop it)");
            }
            Config config = RunConfig.parse(s.config(), s.name());
            Trainer.Options options = new Trainer.Options(s.iterations(), s.maxMillis() == null ? null : Duration.ofMillis(s.maxMillis()),
                    forwarding(s.replyTo()));
            session = new Trainer(components, store, node).train(config, s.name(), options);
        } catch (RuntimeException e) {
            s.replyTo().tell(new Refused(e.getMessage()));
            return this;
        }
        sessions.put(s.name(), session);
        long target = s.iterations() != null ? s.iterations()
                : dev.ampj.actors.training.TrainingSettings.fromConfig(RunConfig.parse(s.config(), s.name())).iterations();
        s.replyTo().tell(new Started(s.name(), store.directory(s.name()).root().toAbsolutePath().normalize().toString(), target));
        ActorRef<Command> self = getContext().getSelf();
        // Closing waits for the pipeline to stop: off this actor's thread.
        session.outcome().whenComplete((o, e) -> CompletableFuture.runAsync(() -> {
            session.close();
            self.tell(new SessionClosed(s.name()));
        }));
        return this;
    }

    private static TrainingListener forwarding(ActorRef<Progress> to) {
        return new TrainingListener() {
            @Override
            public void onCommitted(IterationCommitted c) {
                to.tell(new Committed(c.iteration(), c.envSteps(), c.policyDigest(), c.discriminatorDigest(), c.statistics(),
                        c.stageMillis()));
            }

            @Override
            public void onCheckpoint(CheckpointWritten c) {
                to.tell(new Checkpointed(c.iteration(), c.blobDigest(), c.sizeBytes()));
            }

            @Override
            public void onEnd(RunOutcome o) {
                to.tell(new Ended(o.kind(), o.lastIteration(), o.message()));
            }
        };
    }

    private Behavior<Command> onStop(StopRun s) {
        Session session = sessions.get(s.name());
        if (session != null) {
            session.requestStop();
        }
        return this;
    }

    private Behavior<Command> onStatus(GetClusterStatus g) {
        ClusterStatus.of(getContext().getSystem(), Duration.ofSeconds(5))
                .whenComplete((v, e) -> g.replyTo().tell(v != null ? v : new ClusterStatus.View("error: " + e, java.util.List.of(),
                        java.util.List.of())));
        return this;
    }
}
