package dev.ampj.actors.api;

import com.typesafe.config.Config;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.config.RunVersions;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.guardian.Guardian;
import dev.ampj.actors.metrics.TensorBoardListener;
import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.run.ReplayVerifier;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.RunPlan;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.checkpoint.CheckpointRef;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.ForkPoint;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.log.RunLogWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The run operations of the platform — train, resume, fork, replay — over the pipeline. Each one
 * starts from a state that is exactly reproducible (a fresh run, or a checkpoint plus deterministic
 * re-execution checked against the log) and reports through a {@link TrainingListener}. Every
 * training session also writes its commits to the run's TensorBoard files ({@link TensorBoardListener}).
 */
public final class Trainer {

    private final Components components;
    private final RunStore store;
    private final PipelineHost host;

    public Trainer(Components components, RunStore store) {
        this(components, store, null);
    }

    /** Runs whose pipelines live in {@code host} (a cluster's learner node); null = one process, as above. */
    public Trainer(Components components, RunStore store, PipelineHost host) {
        this.components = components;
        this.store = store;
        this.host = host;
    }

    /** Options shared by the commands that train. */
    public record Options(Long targetIteration, Duration maxTime, TrainingListener listener) {
        long deadlineNanos() {
            return maxTime == null ? 0 : System.nanoTime() + maxTime.toNanos();
        }
    }

    /** Starts a new run named {@code name} from {@code config} (the resolved configuration). */
    public Session train(Config config, String name, Options options) {
        RunDirectory.requireValidName(name);
        if (store.directory(name).exists()) {
            throw new IllegalArgumentException("run '" + name + "' already exists under " + store.settings().runsDir()
                    + "; choose another --name");
        }
        EnvFactory envs = components.envs(config);
        config = envs.configure(config);
        TrainingSettings training = TrainingSettings.fromConfig(config);
        config = EnvSymmetry.apply(config, envs);
        long target = options.targetIteration() != null ? options.targetIteration() : training.iterations();
        RunCreated created = new RunCreated(name, RunConfig.render(config), training.seed(), null, "",
                RunVersions.versions(envs), RunVersions.threads(envs, LearnerSettings.fromConfig(config)), host(), target);
        return start(config, envs, created, null, null, target, options);
    }

    /** Continues a stopped or crashed run from its latest checkpoint (re-executing to its last commit). */
    public Session resume(String run, Options options) {
        RunCreated created;
        Optional<CheckpointWritten> checkpoint;
        long lastCommitted;
        try (RunLogReader reader = openExisting(run)) {
            created = reader.runCreated();
            checkpoint = reader.latestCheckpoint();
            lastCommitted = reader.lastCommitted().map(IterationCommitted::iteration).orElse(0L);
        }
        Config config = RunConfig.parse(created.config(), run);
        EnvFactory envs = components.envs(config);
        requireSameEnvironment(run, created, envs, config);
        probeWritable(run);
        TrainingCheckpoint start = checkpoint.map(c -> load(run, c)).orElse(null);
        if (start == null && created.forkOf() != null) {
            throw new IllegalArgumentException("run " + run + " is a fork but has no checkpoint; its log is incomplete");
        }
        long target = options.targetIteration() != null ? options.targetIteration() : givenTarget(run);
        if (target <= lastCommitted) {
            throw new IllegalArgumentException("run " + run + " has already committed iteration " + lastCommitted
                    + " (target " + target + "); give --iterations N with N > " + lastCommitted);
        }
        return start(config, envs, created, null, start, target, options);
    }

    /**
     * Starts run {@code name} from {@code parent}'s exact state at committed iteration {@code at},
     * with {@code childConfig} (the parent's configuration plus the changes); the diff is recorded.
     */
    public Session fork(String parent, long at, java.util.function.UnaryOperator<Config> changes, String name, Options options) {
        RunDirectory.requireValidName(name);
        if (store.directory(name).exists()) {
            throw new IllegalArgumentException("run '" + name + "' already exists under " + store.settings().runsDir()
                    + "; choose another --name");
        }
        RunCreated parentCreated;
        try (RunLogReader reader = openExisting(parent)) {
            parentCreated = reader.runCreated();
        }
        Config parentConfig = RunConfig.parse(parentCreated.config(), parent);
        TrainingCheckpoint state = stateAt(parent, at);
        Config childConfig = changes.apply(parentConfig);
        String diff = RunConfig.diff(parentConfig, childConfig);
        TrainingSettings training = TrainingSettings.fromConfig(childConfig);
        EnvFactory envs = components.envs(childConfig);
        long target = options.targetIteration() != null ? options.targetIteration() : givenTarget(parent);
        if (target <= at) {
            throw new IllegalArgumentException("fork of " + parent + " at iteration " + at + " would stop at its target "
                    + target + "; give --iterations M with M > " + at);
        }
        CheckpointRef ref = store.checkpoints(name).put(state.encode());
        RunCreated created = new RunCreated(name, RunConfig.render(childConfig), training.seed(), new ForkPoint(parent, at), diff,
                RunVersions.versions(envs), RunVersions.threads(envs, LearnerSettings.fromConfig(childConfig)), host(), target);
        return start(childConfig, envs, created, new CheckpointWritten(at, ref.digest(), ref.sizeBytes()), state, target, options);
    }

    /** The target {@code run} was last given: its latest resume's (RunResumed), else its RunCreated's. */
    private long givenTarget(String run) {
        return store.registry().summary(run).targetIterations();
    }

    /**
     * The exact state of {@code run} after committed iteration {@code at}: its checkpoint there, or
     * the nearest one before it plus re-execution (checked against the log).
     */
    public TrainingCheckpoint stateAt(String run, long at) {
        RunCreated created;
        Optional<CheckpointWritten> checkpoint;
        TreeMap<Long, IterationCommitted> commits;
        try (RunLogReader reader = openExisting(run)) {
            created = reader.runCreated();
            checkpoint = reader.latestCheckpointAtOrBefore(at);
            commits = commits(reader);
        }
        long first = created.forkOf() == null ? 0 : created.forkOf().iteration();
        if (at <= first || !commits.containsKey(at)) {
            throw new IllegalArgumentException("run " + run + " has no committed iteration " + at + " of its own (it commits "
                    + (commits.isEmpty() ? "none" : commits.firstKey() + ".." + commits.lastKey()) + ")");
        }
        if (checkpoint.isPresent() && checkpoint.get().iteration() == at) {
            return load(run, checkpoint.get());
        }
        ReplayVerifier.Result r = reexecute(run, created, checkpoint, at, commits, true, new TrainingListener() {});
        if (r.outcome().kind() != RunOutcome.Kind.FINISHED) {
            throw new IllegalStateException("cannot rebuild the state of " + run + " at iteration " + at + ": "
                    + r.outcome().message());
        }
        return r.checkpoint();
    }

    /**
     * Re-executes {@code run} from the latest checkpoint before {@code from} through {@code to},
     * comparing every digest with the log; never writes.
     */
    public ReplayVerifier.Result replay(String run, Long from, Long to, TrainingListener listener) {
        RunCreated created;
        TreeMap<Long, IterationCommitted> commits;
        Optional<CheckpointWritten> checkpoint;
        try (RunLogReader reader = openExisting(run)) {
            created = reader.runCreated();
            commits = commits(reader);
            if (commits.isEmpty()) {
                throw new IllegalArgumentException("run " + run + " has no committed iteration to replay");
            }
            long f = from != null ? from : commits.firstKey();
            long t = to != null ? to : commits.lastKey();
            if (f > t || !commits.containsKey(f) || !commits.containsKey(t)) {
                throw new IllegalArgumentException("run " + run + " commits iterations " + commits.firstKey() + ".."
                        + commits.lastKey() + "; --from " + f + " --to " + t + " is outside them");
            }
            checkpoint = reader.latestCheckpointAtOrBefore(f - 1);
            to = t;
        }
        return reexecute(run, created, checkpoint, to, commits, false, listener);
    }

    private ReplayVerifier.Result reexecute(String run, RunCreated created, Optional<CheckpointWritten> checkpoint, long to,
            TreeMap<Long, IterationCommitted> commits, boolean takeCheckpoint, TrainingListener listener) {
        Config config = RunConfig.parse(created.config(), run);
        EnvFactory envs = components.envs(config);
        requireSameEnvironment(run, created, envs, config);
        TrainingCheckpoint start = checkpoint.map(c -> load(run, c)).orElse(null);
        if (start == null && created.forkOf() != null) {
            throw new IllegalArgumentException("run " + run + " is a fork but has no checkpoint; its log is incomplete");
        }
        CompletableFuture<ReplayVerifier.Result> result = new CompletableFuture<>();
        ReplayVerifier.Recorded recorded = new ReplayVerifier.Recorded(commits, checkpoints(run), c -> load(run, c));
        Guardian.Replay driver = new Guardian.Replay(to, recorded, takeCheckpoint, listener, result::complete);
        TrainingSystem system = TrainingSystem.start(new TrainingSystem.Build(config, store, run, envs,
                components.expert(config, envs.spec(), created.seed()), start, false, driver, host));
        try {
            return result.join();
        } finally {
            system.close();
        }
    }

    private Session start(Config config, EnvFactory envs, RunCreated created, CheckpointWritten initial,
            TrainingCheckpoint start, long target, Options options) {
        TrainingSettings training = TrainingSettings.fromConfig(config);
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        TrainingListener user = TrainingListener.both(
                new TensorBoardListener(store.directory(created.run()).tensorBoard(), host(), training.stepsPerIteration()),
                options.listener() == null ? new TrainingListener() {} : options.listener());
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onCommitted(IterationCommitted c) {
                user.onCommitted(c);
            }

            @Override
            public void onVerified(IterationOutcome.Done d) {
                user.onVerified(d);
            }

            @Override
            public void onCheckpoint(CheckpointWritten c) {
                user.onCheckpoint(c);
            }

            @Override
            public void onEnd(RunOutcome o) {
                try {
                    user.onEnd(o);
                } finally {
                    outcome.complete(o);
                }
            }
        };
        RunPlan plan = new RunPlan(created, initial, start == null ? 0 : start.iteration(), target, training.checkpointEvery(),
                options.deadlineNanos(), store.checkpoints(created.run()));
        TrainingSystem system = TrainingSystem.start(new TrainingSystem.Build(config, store, created.run(), envs,
                components.expert(config, envs.spec(), created.seed()), start, true, new Guardian.Train(plan, listener), host));
        return new Session(created.run(), system, outcome);
    }

    /** Opens a run read-only; an invalid or missing name is refused by the store, naming the run and directory. */
    private RunLogReader openExisting(String run) {
        return store.openReader(run);
    }

    private TrainingCheckpoint load(String run, CheckpointWritten c) {
        return TrainingCheckpoint.decode(store.checkpoints(run).read(c.blobDigest()),
                "checkpoint " + c.blobDigest() + " of run " + run + " (iteration " + c.iteration() + ")");
    }

    private TreeMap<Long, CheckpointWritten> checkpoints(String run) {
        TreeMap<Long, CheckpointWritten> m = new TreeMap<>();
        try (RunLogReader reader = openExisting(run)) {
            for (LogEntry e : reader.readAllBeforeTornTail()) {
                if (e.event() instanceof CheckpointWritten c) {
                    m.put(c.iteration(), c);
                }
            }
        }
        return m;
    }

    private static TreeMap<Long, IterationCommitted> commits(RunLogReader reader) {
        TreeMap<Long, IterationCommitted> m = new TreeMap<>();
        for (LogEntry e : reader.readAllBeforeTornTail()) {
            if (e.event() instanceof IterationCommitted c) {
                m.put(c.iteration(), c);
            }
        }
        return m;
    }

    private static void requireSameEnvironment(String run, RunCreated created, EnvFactory envs, Config config) {
        String v = RunVersions.difference("engine/library versions", RunVersions.versionsWithDefaults(created.versions()),
                RunVersions.versions(envs));
        String t = RunVersions.difference("native settings", RunVersions.withDefaults(created.nativeThreads()),
                RunVersions.threads(envs, LearnerSettings.fromConfig(config)));
        if (v != null || t != null) {
            throw new IllegalArgumentException("run " + run + " cannot be re-executed exactly here: "
                    + (v != null ? v : "") + (v != null && t != null ? "; " : "") + (t != null ? t : ""));
        }
    }

    /** Fails now, with the holder, if another process writes the run (its single-writer lock is held). */
    private void probeWritable(String run) {
        try (RunLogWriter w = store.openWriter(run)) {
            // opened and released: nobody else holds the run
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
