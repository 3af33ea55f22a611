package dev.ampj.actors.cluster;

import com.typesafe.config.Config;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.actors.api.Session;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.eval.PolicyEvaluator;
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
import java.util.function.Function;
import java.util.function.Supplier;
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

    /*
     * Every submission carries the submitter's --eval-every: this node scores the run's checkpoints as a
     * local run does (PeriodicEvaluation, eval.jsonl in the run's directory here) and tells the submitter.
     */

    /** Train run {@code name} from {@code config} (the resolved amp tree, as `RunConfig.render` writes it) to {@code iterations}. */
    public record SubmitTrain(String name, String config, Long iterations, Long maxMillis, int evalEvery, ActorRef<Progress> replyTo)
            implements Command, CborSerializable {}

    /** Resume run {@code name} (stopped, or its learner killed) from its latest checkpoint, exactly as `amp resume`. */
    public record SubmitResume(String name, Long iterations, Long maxMillis, int evalEvery, ActorRef<Progress> replyTo)
            implements Command, CborSerializable {}

    /**
     * Fork {@code parent} at committed iteration {@code at} (or, when {@code atBest}, the one whose in-training eval
     * here came closest to the reference) into run {@code name}, exactly as `amp fork`: {@code sets} are
     * {@code key=value} changes whose values are HOCON as the submitter rendered them; {@code name} null:
     * {@code <parent>-at<N>}, as `amp fork` names it.
     */
    public record SubmitFork(String parent, long at, boolean atBest, java.util.List<String> sets, String name, Long iterations,
            Long maxMillis, int evalEvery, ActorRef<Progress> replyTo) implements Command, CborSerializable {}

    /**
     * Re-execute run {@code name} from its checkpoints and compare every digest with its log over iterations
     * {@code from..to} (null: all), exactly as `amp replay --verify`; told {@link Verified} per iteration, then
     * {@link Ended} (DIVERGED at the first mismatch), or {@link Refused}.
     */
    public record SubmitReplay(String name, Long from, Long to, ActorRef<Progress> replyTo) implements Command, CborSerializable {}

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

    /** An in-training eval: its line, and its style distance for the table's style_d column. */
    public record Evaluated(double styleDistance, String line) implements Progress {}

    /** A re-executed iteration reproduced its logged digests (replay). */
    public record Verified(long iteration, String policyDigest, String discriminatorDigest) implements Progress {}

    /** A line for the submitter's stderr (an in-training eval that failed). */
    public record Note(String line) implements Progress {}

    /** The run's end; sent after its last in-training eval, so it is the last message of the run. */
    public record Ended(RunOutcome.Kind kind, long lastIteration, String message) implements Progress {}

    public record Refused(String message) implements Progress {}

    private record SessionClosed(String run) implements Command {}

    private record ReplayDone() implements Command {}

    /** A submission checked: what the submitter is told, and the configuration the run's evals use. */
    private record Accepted(Started started, Config config) {}

    /** {@code evalSize}: how large each in-training eval is ({@link PeriodicEvaluation.Size#DEFAULT} but in tests). */
    public static Behavior<Command> create(Components components, RunStore store, ClusterNode node, PeriodicEvaluation.Size evalSize) {
        return Behaviors.setup(ctx -> new RunGateway(ctx, components, store, node, evalSize));
    }

    private final Components components;
    private final RunStore store;
    private final ClusterNode node;
    private final PeriodicEvaluation.Size evalSize;
    private final Map<String, Session> sessions = new TreeMap<>();
    /** The run being replayed, or null: a replay uses this node's pipeline like a session. */
    private String replaying;

    private RunGateway(ActorContext<Command> ctx, Components components, RunStore store, ClusterNode node,
            PeriodicEvaluation.Size evalSize) {
        super(ctx);
        this.components = components;
        this.store = store;
        this.node = node;
        this.evalSize = evalSize;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(SubmitTrain.class, this::onSubmit)
                .onMessage(SubmitResume.class, this::onResume)
                .onMessage(SubmitFork.class, this::onFork)
                .onMessage(SubmitReplay.class, this::onReplay)
                .onMessage(ReplayDone.class, d -> {
                    replaying = null;
                    return this;
                })
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
        return start(s.name(), s.evalEvery(), s.replyTo(), () -> {
            config[0] = RunConfig.parse(s.config(), s.name());
            TrainingSettings t = TrainingSettings.fromConfig(config[0]);
            return new Accepted(new Started(s.name(), runDir(s.name()), 1, s.iterations() != null ? s.iterations() : t.iterations(),
                    t.stepsPerIteration()), config[0]);
        }, listener -> new Trainer(components, store, node).train(config[0], s.name(),
                options(s.iterations(), s.maxMillis(), listener)));
    }

    private Behavior<Command> onResume(SubmitResume r) {
        return start(r.name(), r.evalEvery(), r.replyTo(), () -> {
            try (RunLogReader log = store.openReader(r.name())) {
                RunCreated created = log.runCreated();
                long last = log.lastCommitted().map(IterationCommitted::iteration).orElse(0L);
                Config config = RunConfig.parse(created.config(), r.name());
                return new Accepted(new Started(r.name(), runDir(r.name()), last + 1,
                        r.iterations() != null ? r.iterations() : givenTarget(r.name()),
                        TrainingSettings.fromConfig(config).stepsPerIteration()), config);
            }
        }, listener -> new Trainer(components, store, node).resume(r.name(), options(r.iterations(), r.maxMillis(), listener)));
    }

    private Behavior<Command> onFork(SubmitFork f) {
        long[] at = {f.at()};
        try {
            if (f.atBest()) {
                at[0] = PeriodicEvaluation.best(store, f.parent(), "--at");
            }
        } catch (RuntimeException e) {
            f.replyTo().tell(new Refused(e.getMessage()));
            return this;
        }
        String name = f.name() != null ? f.name() : f.parent() + "-at" + at[0];
        return start(name, f.evalEvery(), f.replyTo(), () -> {
            try (RunLogReader log = store.openReader(f.parent())) {
                RunCreated created = log.runCreated();
                Config child = withSets(RunConfig.parse(created.config(), f.parent()), f.sets());
                return new Accepted(new Started(name, runDir(name), at[0] + 1,
                        f.iterations() != null ? f.iterations() : givenTarget(f.parent()),
                        TrainingSettings.fromConfig(child).stepsPerIteration()), child);
            }
        }, listener -> new Trainer(components, store, node).fork(f.parent(), at[0], c -> withSets(c, f.sets()), name,
                options(f.iterations(), f.maxMillis(), listener)));
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

    private static Trainer.Options options(Long iterations, Long maxMillis, TrainingListener listener) {
        return new Trainer.Options(iterations, maxMillis == null ? null : Duration.ofMillis(maxMillis), listener);
    }

    /**
     * {@code accept} checks the request and reads what the submitter is told; {@code starter} starts the
     * session with the listener that forwards its progress and evaluates its checkpoints every {@code evalEvery}.
     */
    private Behavior<Command> start(String name, int evalEvery, ActorRef<Progress> replyTo, Supplier<Accepted> accept,
            Function<TrainingListener, Session> starter) {
        Session session;
        Accepted accepted;
        PeriodicEvaluation evaluation = null;
        try {
            requireIdle();
            accepted = accept.get();
            evaluation = new PeriodicEvaluation(store, name, accepted.config(), evalEvery, evalSize, evalReports(replyTo),
                    new PolicyEvaluator(components));
            session = starter.apply(TrainingListener.both(forwarding(replyTo), evaluation));
        } catch (RuntimeException e) {
            if (evaluation != null) {
                evaluation.close();
            }
            replyTo.tell(new Refused(e.getMessage()));
            return this;
        }
        sessions.put(name, session);
        replyTo.tell(accepted.started());
        ActorRef<Command> self = getContext().getSelf();
        PeriodicEvaluation evals = evaluation;
        // Closing waits for the pipeline to stop and the last eval to finish: off this actor's thread. The
        // submitter is told the end after that eval, as a local `amp train` prints it before it exits.
        session.outcome().whenComplete((o, e) -> CompletableFuture.runAsync(() -> {
            try {
                session.close();
                evals.close();
            } finally {
                replyTo.tell(o != null ? new Ended(o.kind(), o.lastIteration(), o.message())
                        : new Ended(RunOutcome.Kind.FAILED, 0, "run " + name + " failed on the learner node: " + e));
                self.tell(new SessionClosed(name));
            }
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
        };
    }

    private static PeriodicEvaluation.Reports evalReports(ActorRef<Progress> to) {
        return new PeriodicEvaluation.Reports() {
            @Override
            public void evaluated(double styleDistance, String line) {
                to.tell(new Evaluated(styleDistance, line));
            }

            @Override
            public void note(String line) {
                to.tell(new Note(line));
            }
        };
    }

    private void requireIdle() {
        if (!sessions.isEmpty() || replaying != null) {
            throw new IllegalArgumentException("this learner node is " + (replaying != null ? "replaying [" + replaying + "]"
                    : "training " + sessions.keySet()) + "; one run at a time (wait for it or stop it)");
        }
    }

    /** Replays off this actor's thread (it blocks until the re-execution ends); a request the trainer refuses is Refused. */
    private Behavior<Command> onReplay(SubmitReplay r) {
        try {
            requireIdle();
        } catch (IllegalArgumentException e) {
            r.replyTo().tell(new Refused(e.getMessage()));
            return this;
        }
        replaying = r.name();
        ActorRef<Command> self = getContext().getSelf();
        ActorRef<Progress> to = r.replyTo();
        CompletableFuture.runAsync(() -> {
            try {
                RunOutcome o = new Trainer(components, store, node).replay(r.name(), r.from(), r.to(), new TrainingListener() {
                    @Override
                    public void onVerified(dev.ampj.actors.pipeline.IterationOutcome.Done d) {
                        to.tell(new Verified(d.iteration(), d.policyDigest(), d.discriminatorDigest()));
                    }
                }).outcome();
                to.tell(new Ended(o.kind(), o.lastIteration(), o.message()));
            } catch (IllegalArgumentException e) {
                to.tell(new Refused(e.getMessage()));
            } catch (RuntimeException e) {
                to.tell(new Ended(RunOutcome.Kind.FAILED, 0, "replay of " + r.name() + " failed on the learner node: " + e.getMessage()));
            } finally {
                self.tell(new ReplayDone());
            }
        });
        return this;
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
