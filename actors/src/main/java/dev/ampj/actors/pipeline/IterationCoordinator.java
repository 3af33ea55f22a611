package dev.ampj.actors.pipeline;

import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.learn.DiscriminatorTrainerActor;
import dev.ampj.actors.learn.PpoLearnerActor;
import dev.ampj.actors.learn.TrajectoryBufferActor;
import dev.ampj.actors.shard.ShardDirectory;
import dev.ampj.actors.shard.SimShard;
import dev.ampj.actors.telemetry.TelemetryWriterActor;
import dev.ampj.actors.wire.RolloutBuffer;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.learner.algo.DiscriminatorStats;
import dev.ampj.learner.algo.PpoStats;
import dev.ampj.learner.state.LearnerState;
import dev.ampj.learner.storage.Rollout;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one training iteration at a time through the pipeline, exactly as DESIGN.md §3: θk out to the
 * shards (PpoLearnerActor, Aeron), rollouts in (SimShards → TrajectoryBufferActor, Aeron), style rewards with
 * Dk, then the D update and the PPO update concurrently; it alone starts each stage. Keeps what the learner side must keep to
 * re-simulate an iteration: each shard's iteration-start env state, the global step and env-step
 * counters, the expert sampler position. Measures every stage.
 *
 * <p>The iteration's rollout travels in messages: the TrajectoryBufferActor hands it over assembled;
 * the coordinator lends its (read-only) columns to the discriminator and the PPO actor, writes the
 * style and combined rewards they reply into it, and once the iteration is done hands it on to the
 * telemetry writer (or drops it). The learner's state is saved in two sections, one per learner actor,
 * which the coordinator joins ({@link LearnerState#encode(LearnerState.Header, byte[], byte[])}).
 *
 * <p>A shard that is restarted mid-iteration announces itself again; the coordinator republishes θk
 * and re-sends it the iteration with its iteration-start state, so the result is unchanged.
 */
public final class IterationCoordinator extends AbstractBehavior<IterationCoordinator.Command> {

    /** Messages the IterationCoordinator accepts. */
    public sealed interface Command {}

    /** Run iteration {@code iteration} (the one after the last completed). */
    public record RunIteration(long iteration, ActorRef<IterationOutcome> replyTo) implements Command {}

    /** Take the complete state after the last completed iteration (only between iterations). */
    public record TakeCheckpoint(ActorRef<TrainingCheckpoint> replyTo) implements Command {}

    private record ShardUp(SimShard.ShardReady ready) implements Command {}

    private record Moving(ShardDirectory.ShardsMoving moving) implements Command {}

    private record PolicyOut(PpoLearnerActor.PolicyPublished published) implements Command {}

    private record Assembled(TrajectoryBufferActor.RolloutAssembled assembled) implements Command {}

    private record DiscriminatorResult(DiscriminatorTrainerActor.Result result) implements Command {}

    private record PolicyResult(PpoLearnerActor.PolicyUpdated updated) implements Command {}

    private record PolicySaved(PpoLearnerActor.StateSaved saved) implements Command {}

    private record DiscriminatorSaved(DiscriminatorTrainerActor.StateSaved saved) implements Command {}

    private record StageTimedOut(long iteration) implements Command {}

    /** Where the pipeline starts: a fresh run (iteration 0) or a restored checkpoint. */
    public record Start(long iteration, long envSteps, long nextStep, long expertPosition, byte[][] envStates) {
        public static Start fresh(int shards) {
            return new Start(0, 0, 0, 0, new byte[shards][]);
        }

        public static Start of(TrainingCheckpoint c) {
            return new Start(c.iteration(), c.envSteps(), c.nextStep(), c.expertPosition(), c.envStates().clone());
        }
    }

    /** The learner-side actors the coordinator drives. */
    public record Actors(ActorRef<PpoLearnerActor.Command> ppo, ActorRef<DiscriminatorTrainerActor.Command> discriminator,
            ActorRef<TrajectoryBufferActor.Command> buffer, ActorRef<TelemetryWriterActor.Command> telemetry) {}

    /** Starts the run's shards as children of the coordinator (a {@link ShardDirectory} bound to the shards' settings). */
    @FunctionalInterface
    public interface ShardStarter {
        ShardDirectory.Shards start(ActorContext<?> ctx, ActorRef<SimShard.ShardReady> ready,
                ActorRef<ShardDirectory.ShardsMoving> moving);
    }

    /** {@code learner}: dims and seed of the learner whose two sections the checkpoint joins. */
    public static Behavior<Command> create(TrainingSettings training, LearnerState.Header learner, Actors actors,
            ShardStarter shards, Start start) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new IterationCoordinator(ctx, timers, training, learner,
                actors, shards, start)));
    }

    /** State of the iteration in progress. */
    private static final class Running {
        final long iteration;
        final long startStep;
        final ActorRef<IterationOutcome> replyTo;
        final long t0 = System.nanoTime();
        final boolean[] collectSent;
        double policyPublishMillis;
        long collectAt;
        long assembledAt;
        TrajectoryBufferActor.RolloutAssembled assembled;
        RolloutBuffer rollout;
        DiscriminatorTrainerActor.StyleScored style;
        long styleAt;
        DiscriminatorTrainerActor.DiscriminatorUpdated discriminator;
        PpoLearnerActor.PolicyUpdated policy;
        int shardRestarts;

        Running(long iteration, long startStep, int shards, ActorRef<IterationOutcome> replyTo) {
            this.iteration = iteration;
            this.startStep = startStep;
            this.replyTo = replyTo;
            this.collectSent = new boolean[shards];
        }
    }

    private final TrainingSettings training;
    private final LearnerState.Header learner;
    private final TimerScheduler<Command> timers;
    private final Actors actors;
    private final ShardDirectory.Shards shards;
    private final int shardCount;
    private final boolean[] ready;
    private final boolean[] needsRestore;
    private final byte[][] startStates;
    private final ActorRef<PpoLearnerActor.PolicyPublished> policyOut;
    private final ActorRef<TrajectoryBufferActor.RolloutAssembled> assembledIn;
    private final ActorRef<DiscriminatorTrainerActor.Result> discriminatorIn;
    private final ActorRef<PpoLearnerActor.PolicyUpdated> policyIn;
    private final ActorRef<PpoLearnerActor.StateSaved> policyStateIn;
    private final ActorRef<DiscriminatorTrainerActor.StateSaved> discriminatorStateIn;
    private ActorRef<TrainingCheckpoint> checkpointReplyTo;
    private byte[] policySection;
    private byte[] discriminatorSection;
    private long lastIteration;
    private long envSteps;
    private long nextStep;
    private long expertPosition;
    private Running running;
    private RunIteration waiting;

    private IterationCoordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, TrainingSettings training,
            LearnerState.Header learner, Actors actors, ShardStarter starter, Start start) {
        super(ctx);
        this.training = training;
        this.learner = learner;
        this.timers = timers;
        this.actors = actors;
        this.shardCount = training.shards();
        if (start.envStates().length != shardCount) {
            throw new IllegalArgumentException("start state has " + start.envStates().length + " shard env states, the run has "
                    + shardCount + " shards (" + TrainingSettings.PATH + ".shards must match the checkpoint)");
        }
        this.ready = new boolean[shardCount];
        this.needsRestore = new boolean[shardCount];
        this.startStates = start.envStates();
        for (int s = 0; s < shardCount; s++) {
            needsRestore[s] = startStates[s] != null;
        }
        this.lastIteration = start.iteration();
        this.envSteps = start.envSteps();
        this.nextStep = start.nextStep();
        this.expertPosition = start.expertPosition();
        this.policyOut = ctx.messageAdapter(PpoLearnerActor.PolicyPublished.class, PolicyOut::new);
        this.assembledIn = ctx.messageAdapter(TrajectoryBufferActor.RolloutAssembled.class, Assembled::new);
        this.discriminatorIn = ctx.messageAdapter(DiscriminatorTrainerActor.Result.class, DiscriminatorResult::new);
        this.policyIn = ctx.messageAdapter(PpoLearnerActor.PolicyUpdated.class, PolicyResult::new);
        this.policyStateIn = ctx.messageAdapter(PpoLearnerActor.StateSaved.class, PolicySaved::new);
        this.discriminatorStateIn = ctx.messageAdapter(DiscriminatorTrainerActor.StateSaved.class, DiscriminatorSaved::new);
        ctx.watch(actors.ppo());
        ctx.watch(actors.discriminator());
        ctx.watch(actors.buffer());
        this.shards = starter.start(ctx, ctx.messageAdapter(SimShard.ShardReady.class, ShardUp::new),
                ctx.messageAdapter(ShardDirectory.ShardsMoving.class, Moving::new));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunIteration.class, this::onRunIteration)
                .onMessage(TakeCheckpoint.class, this::onTakeCheckpoint)
                .onMessage(ShardUp.class, this::onShardUp)
                .onMessage(Moving.class, this::onMoving)
                .onMessage(PolicyOut.class, this::onPolicyOut)
                .onMessage(Assembled.class, this::onAssembled)
                .onMessage(DiscriminatorResult.class, this::onDiscriminator)
                .onMessage(PolicyResult.class, this::onPolicy)
                .onMessage(PolicySaved.class, s -> {
                    policySection = s.saved().section();
                    return maybeCheckpoint();
                })
                .onMessage(DiscriminatorSaved.class, s -> {
                    discriminatorSection = s.saved().section();
                    return maybeCheckpoint();
                })
                .onMessage(StageTimedOut.class, this::onTimeout)
                .onSignal(Terminated.class, this::onTerminated)
                .build();
    }

    private Behavior<Command> onRunIteration(RunIteration r) {
        if (running != null || r.iteration() != lastIteration + 1) {
            r.replyTo().tell(new IterationOutcome.Failed(r.iteration(), "iteration " + r.iteration() + " requested, but "
                    + (running != null ? "iteration " + running.iteration + " is running" : "the last completed is " + lastIteration)));
            return this;
        }
        if (!allReady()) {
            waiting = r;
            return this;
        }
        begin(r);
        return this;
    }

    private boolean allReady() {
        for (boolean b : ready) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    private void begin(RunIteration r) {
        running = new Running(r.iteration(), nextStep, shardCount, r.replyTo());
        timers.startSingleTimer(StageTimedOut.class, new StageTimedOut(r.iteration()), training.stageTimeout());
        actors.buffer().tell(new TrajectoryBufferActor.Expect(r.iteration(), assembledIn));
        actors.ppo().tell(new PpoLearnerActor.PublishPolicy(r.iteration(), policyOut));
    }

    private Behavior<Command> onShardUp(ShardUp up) {
        int s = up.ready().shard();
        boolean restarted = ready[s];
        ready[s] = true;
        if (restarted) {
            // The restarted shard has a fresh VecEnv: give it the iteration-start state again.
            needsRestore[s] = startStates[s] != null;
            getContext().getLog().warn("shard {} restarted; it re-simulates from its iteration-start state", s);
            if (running != null && running.collectSent[s]) {
                running.collectSent[s] = false;
                running.shardRestarts++;
            }
        }
        if (running != null && !running.collectSent[s] && running.collectAt != 0 && running.assembled == null) {
            // θk went out before this shard subscribed: publish it again, then the shard gets its Collect.
            // Not once the rollout is assembled: the PPO actor may already hold θk+1 (a PublishPolicy now
            // would send it as θk), and the iteration needs no batch from this shard any more; it starts
            // the next iteration from the end state of this one instead (maybeDone).
            actors.ppo().tell(new PpoLearnerActor.PublishPolicy(running.iteration, policyOut));
        }
        if (waiting != null && allReady()) {
            RunIteration r = waiting;
            waiting = null;
            begin(r);
        }
        return this;
    }

    /** Shards re-created on another node: like a restart, they start again from their iteration-start state. */
    private Behavior<Command> onMoving(Moving m) {
        for (int s : m.moving().shards()) {
            ready[s] = false;
            needsRestore[s] = startStates[s] != null;
            if (running != null && running.collectSent[s]) {
                running.collectSent[s] = false;
                running.shardRestarts++;
            }
        }
        shards.movingSeen(m.moving().shards());
        getContext().getLog().info("shards {} move; they re-simulate from their iteration-start state",
                java.util.Arrays.toString(m.moving().shards()));
        return this;
    }

    private Behavior<Command> onPolicyOut(PolicyOut p) {
        if (running == null || p.published().iteration() != running.iteration || running.assembled != null) {
            return this;
        }
        running.policyPublishMillis += p.published().millis();
        running.collectAt = System.nanoTime();
        for (int s = 0; s < shardCount; s++) {
            if (!running.collectSent[s] && ready[s]) {
                running.collectSent[s] = true;
                byte[] restore = needsRestore[s] ? startStates[s] : null;
                needsRestore[s] = false;
                shards.tell(s, new SimShard.Collect(running.iteration, running.startStep, restore, actors.buffer()));
            }
        }
        return this;
    }

    private Behavior<Command> onAssembled(Assembled a) {
        if (running == null || a.assembled().iteration() != running.iteration) {
            return this;
        }
        running.assembled = a.assembled();
        running.rollout = a.assembled().rollout();
        running.assembledAt = System.nanoTime();
        actors.discriminator().tell(new DiscriminatorTrainerActor.Train(running.iteration, running.rollout.rollout(),
                discriminatorIn));
        return this;
    }

    private Behavior<Command> onDiscriminator(DiscriminatorResult d) {
        if (running == null) {
            return this;
        }
        if (d.result() instanceof DiscriminatorTrainerActor.StyleScored s) {
            running.style = s;
            running.styleAt = System.nanoTime();
            running.rollout.setStyleRewards(s.rewards());
            running.rollout.setDiscriminatorScores(s.scores());
            // PPO updates now with the style rewards, while D updates on its own thread.
            actors.ppo().tell(new PpoLearnerActor.Update(running.iteration, running.rollout.rollout(), s.rewards(), policyIn));
        } else if (d.result() instanceof DiscriminatorTrainerActor.DiscriminatorUpdated u) {
            running.discriminator = u;
        }
        return maybeDone();
    }

    private Behavior<Command> onPolicy(PolicyResult p) {
        if (running == null) {
            return this;
        }
        running.policy = p.updated();
        running.rollout.setCombinedRewards(p.updated().combinedRewards());
        return maybeDone();
    }

    private Behavior<Command> maybeDone() {
        Running r = running;
        if (r.discriminator == null || r.policy == null || r.style == null) {
            return this;
        }
        timers.cancel(StageTimedOut.class);
        long end = System.nanoTime();
        RolloutBuffer buffer = r.rollout;
        for (int s = 0; s < shardCount; s++) {
            startStates[s] = buffer.envState(s);
            // A shard restarted or moved after its batch was assembled was not sent the iteration
            // again: its VecEnv is not at the end of this iteration, so the next one restores it.
            needsRestore[s] = !r.collectSent[s];
        }
        envSteps += training.stepsPerIteration();
        nextStep += training.horizon();
        expertPosition = r.discriminator.expertPosition();
        lastIteration = r.iteration;
        Map<String, Double> stats = statistics(buffer, r.policy.stats(), r.discriminator.stats());
        Map<String, Double> stages = new LinkedHashMap<>();
        double collectMillis = (r.assembledAt - r.collectAt) / 1e6;
        stages.put("rollout", r.assembled.maxSimMillis());
        stages.put("transport", r.policyPublishMillis + Math.max(0, collectMillis - r.assembled.maxSimMillis()));
        stages.put("style_reward", r.style.millis());
        stages.put("d_update", r.discriminator.millis());
        stages.put("ppo_update", r.policy.millis());
        stages.put("learn", (end - r.styleAt) / 1e6);
        stages.put("iteration", (end - r.t0) / 1e6);
        stages.put("shard_restarts", (double) r.shardRestarts);
        stages.put("rollout_mib", r.assembled.bytes() / (1024.0 * 1024.0));
        running = null;
        shards.boundary();
        if (actors.telemetry() != null) {
            // The learners replied, so no other actor reads the rollout any more: it is the writer's now.
            actors.telemetry().tell(new TelemetryWriterActor.Record(r.iteration, r.startStep, buffer));
        }
        r.replyTo.tell(new IterationOutcome.Done(r.iteration, envSteps, r.policy.digest(), r.discriminator.digest(), stats,
                stages));
        return this;
    }

    /** Rollout and learner statistics in a fixed order; deterministic functions of the iteration's data. */
    static Map<String, Double> statistics(RolloutBuffer buffer, PpoStats ppo, DiscriminatorStats d) {
        Rollout r = buffer.rollout();
        int n = r.steps();
        double task = 0;
        double style = 0;
        double combined = 0;
        double lengths = 0;
        int episodes = 0;
        for (int i = 0; i < n; i++) {
            task += r.taskRewards()[i];
            style += buffer.styleRewards()[i];
            combined += buffer.combinedRewards()[i];
            if (buffer.episodeLengths()[i] > 0) {
                lengths += buffer.episodeLengths()[i];
                episodes++;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("task_reward", task / n);
        m.put("style_reward", style / n);
        m.put("combined_reward", combined / n);
        m.put("episodes", (double) episodes);
        m.put("episode_length", episodes == 0 ? 0.0 : lengths / episodes);
        m.put("disc_accuracy", 0.5 * (d.expertAccuracy() + d.policyAccuracy()));
        m.putAll(ppo.asMap());
        m.putAll(d.asMap());
        return m;
    }

    private Behavior<Command> onTakeCheckpoint(TakeCheckpoint t) {
        if (running != null) {
            throw new IllegalStateException("checkpoint requested while iteration " + running.iteration + " runs");
        }
        for (int s = 0; s < shardCount; s++) {
            if (startStates[s] == null) {
                throw new IllegalStateException("no env state of shard " + s + " yet: checkpoints follow a completed iteration");
            }
        }
        checkpointReplyTo = t.replyTo();
        policySection = null;
        discriminatorSection = null;
        actors.ppo().tell(new PpoLearnerActor.SaveState(policyStateIn));
        actors.discriminator().tell(new DiscriminatorTrainerActor.SaveState(discriminatorStateIn));
        return this;
    }

    private Behavior<Command> maybeCheckpoint() {
        if (checkpointReplyTo == null || policySection == null || discriminatorSection == null) {
            return this;
        }
        checkpointReplyTo.tell(new TrainingCheckpoint(lastIteration, envSteps, nextStep, expertPosition, training.numEnvs(),
                startStates.clone(), LearnerState.encode(learner, policySection, discriminatorSection)));
        checkpointReplyTo = null;
        policySection = null;
        discriminatorSection = null;
        return this;
    }

    private Behavior<Command> onTimeout(StageTimedOut t) {
        if (running != null && running.iteration == t.iteration()) {
            return fail("iteration " + t.iteration() + " did not complete within " + TrainingSettings.PATH + ".stage-timeout = "
                    + training.stageTimeout() + stageOf(running));
        }
        return this;
    }

    private static String stageOf(Running r) {
        if (r.assembled == null) {
            return " (waiting for the shards' rollouts)";
        }
        return r.style == null ? " (scoring style rewards)" : " (updating D and the policy)";
    }

    private Behavior<Command> onTerminated(Terminated t) {
        String who = t.getRef().path().name();
        return fail("pipeline actor " + who + " stopped" + (who.startsWith("shard-") ? " after exhausting its restarts" : " on an error"));
    }

    private Behavior<Command> fail(String reason) {
        getContext().getLog().error(reason);
        if (running != null) {
            running.replyTo.tell(new IterationOutcome.Failed(running.iteration, reason));
        } else if (waiting != null) {
            waiting.replyTo().tell(new IterationOutcome.Failed(waiting.iteration(), reason));
        }
        return Behaviors.stopped();
    }
}
