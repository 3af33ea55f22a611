package dev.ampj.actors.cluster;

import com.typesafe.config.Config;
import dev.ampj.actors.api.Session;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.actors.wire.CborSerializable;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunLogReader;
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
 * The learner node's door for runs ({@code /system/run-gateway}): `amp train|resume|fork --cluster` submits a run
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

    /** Resume run {@code name} (stopped, or its learner killed) from its latest checkpoint, exactly as `amp resume`. */
    public record SubmitResume(String name, Long iterations, Long maxMillis, ActorRef<Progress> replyTo)
            implements Command, CborSerializable {}

    /**
     * Fork {@code parent} at committed iteration {@code at} into run {@code name}, exactly as `amp fork`:
     * {@code sets} are {@code key=value} changes whose values are HOCON as the submitter rendered them.
     */
    public record SubmitFork(String parent, long at, java.util.List<String> sets, String name, Long iterations, Long maxMillis,
            ActorRef<Progress> replyTo) implements Command, CborSerializable {}

    /** Stop run {@code name} at its next iteration boundary. */
    public record StopRun(String name) implements Command, CborSerializable {}

    /** The cluster as this node sees it. */
    public record GetClusterStatus(ActorRef<ClusterStatus.View> replyTo) implements Command, CborSerializable {}

    /** What a submitter is told. */
    public sealed interface Progress extends CborSerializable {}

    /** The run trains: iterations {@code first..target} of {@code stepsPerIteration} env steps, in {@code runsDir} on the learner. */
    public record Started(String run, String runsDir, long first, long target, long stepsPerIteration) implements Progress {}

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
                .onMessage(SubmitResume.class, this::onResume)
                .onMessage(SubmitFork.class, this::onFork)
                .onMessage(StopRun.class, this::onStop)
                .onMessage(GetClusterStatus.class, this::onStatus)
                .onMessage(SessionClosed.class, c -> {
                    sessions.remove(c.run());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onSubmit(SubmitTrain s) {
        Config[] config = new Config[1];
        return start(s.name(), s.replyTo(), () -> {
            config[0] = RunConfig.parse(s.config(), s.name());
            TrainingSettings t = TrainingSettings.fromConfig(config[0]);
            return new Started(s.name(), runDir(s.name()), 1, s.iterations() != null ? s.iterations() : t.iterations(),
                    t.stepsPerIteration());
        }, () -> new Trainer(components, store, node).train(config[0], s.name(), options(s.iterations(), s.maxMillis(), s.replyTo())));
    }

    private Behavior<Command> onResume(SubmitResume r) {
        return start(r.name(), r.replyTo(), () -> {
            try (RunLogReader log = store.openReader(r.name())) {
                RunCreated created = log.runCreated();
                long last = log.lastCommitted().map(IterationCommitted::iteration).orElse(0L);
                return new Started(r.name(), runDir(r.name()), last + 1,
                        r.iterations() != null ? r.iterations() : givenTarget(r.name()),
                        TrainingSettings.fromConfig(RunConfig.parse(created.config(), r.name())).stepsPerIteration());
            }
        }, () -> new Trainer(components, store, node).resume(r.name(), options(r.iterations(), r.maxMillis(), r.replyTo())));
    }

    private Behavior<Command> onFork(SubmitFork f) {
        return start(f.name(), f.replyTo(), () -> {
            try (RunLogReader log = store.openReader(f.parent())) {
                RunCreated created = log.runCreated();
                Config child = withSets(RunConfig.parse(created.config(), f.parent()), f.sets());
                return new Started(f.name(), runDir(f.name()), f.at() + 1,
                        f.iterations() != null ? f.iterations() : givenTarget(f.parent()),
                        TrainingSettings.fromConfig(child).stepsPerIteration());
            }
        }, () -> new Trainer(components, store, node).fork(f.parent(), f.at(), c -> withSets(c, f.sets()), f.name(),
                options(f.iterations(), f.maxMillis(), f.replyTo())));
    }

    /** Applies {@code key=value} changes, the values HOCON (already checked and rendered by the submitter). */
    private static Config withSets(Config base, java.util.List<String> sets) {
        Config c = base;
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + set + ": expected key=value");
            }
            c = c.withValue(set.substring(0, eq), com.typesafe.config.ConfigFactory.parseString("v = " + set.substring(eq + 1))
                    .getValue("v"));
        }
        return c.resolve();
    }

    /** The target Trainer defaults to: the one {@code run} was last given (its latest resume's, else its first session's). */
    private long givenTarget(String run) {
        return store.registry().summary(run).targetIterations();
    }

        private String runDir(String run) {
        return store.directory(run).root().toAbsolutePath().normalize().toString();
    }

    private static Trainer.Options options(Long iterations, Long maxMillis, ActorRef<Progress> replyTo) {
        return new Trainer.Options(iterations, maxMillis == null ? null : Duration.ofMillis(maxMillis), forwarding(replyTo));
    }

    /** {@code before} reads what the submitter is told (and checks the request); {@code starter} starts the session. */
    private Behavior<Command> start(String name, ActorRef<Progress> replyTo, java.util.function.Supplier<Started> before,
            java.util.function.Supplier<Session> starter) {
        Session session;
        Started started;
        try {
            if (!sessions.isEmpty()) {
                throw new IllegalArgumentException("this learner node is training " + sessions.keySet()
                        + "; one run at a time (wait for it or stop it)");
            }
            started = before.get();
            session = starter.get();
        } catch (RuntimeException e) {
            replyTo.tell(new Refused(e.getMessage()));
            return this;
        }
        sessions.put(name, session);
        replyTo.tell(started);
        ActorRef<Command> self = getContext().getSelf();
        // Closing waits for the pipeline to stop: off this actor's thread.
        session.outcome().whenComplete((o, e) -> CompletableFuture.runAsync(() -> {
            session.close();
            self.tell(new SessionClosed(name));
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
