package dev.ampj.actors.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.learner.storage.RolloutColumn;
import dev.ampj.actors.config.PipelineContext;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.learn.DiscriminatorTrainerActor;
import dev.ampj.actors.learn.PpoLearnerActor;
import dev.ampj.actors.learn.TrajectoryBufferActor;
import dev.ampj.actors.shard.ShardDirectory;
import dev.ampj.actors.shard.SimShard;
import dev.ampj.actors.telemetry.TelemetryWriterActor;
import dev.ampj.actors.wire.RolloutBuffer;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.algo.DiscriminatorStats;
import dev.ampj.learner.algo.PpoStats;
import dev.ampj.learner.state.LearnerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IterationCoordinator alone, its learner-side actors and shards replaced by test probes: the
 * order in which it starts the stages of an iteration, what it reports, and how it fails.
 */
class IterationCoordinatorTest {

    private static final ActorTestKit KIT = ActorTestKit.create("IterationCoordinatorTest");
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final LearnerDims DIMS = new LearnerDims(3, 4, 2, 2);
    private static final int NUM_ENVS = 4;
    private static final int HORIZON = 3;
    private static final int SHARDS = 2;

    private TestProbe<PpoLearnerActor.Command> ppo;
    private TestProbe<DiscriminatorTrainerActor.Command> discriminator;
    private TestProbe<TrajectoryBufferActor.Command> buffer;
    private TestProbe<IterationOutcome> outcomes;
    private ProbeShards shards;
    /** The rollout the buffer probe hands over last (see {@link #expectAssembly}). */
    private RolloutBuffer assembledRollout;

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @BeforeEach
    void probes() {
        ppo = KIT.createTestProbe();
        discriminator = KIT.createTestProbe();
        buffer = KIT.createTestProbe();
        outcomes = KIT.createTestProbe();
        shards = new ProbeShards();
    }

    /** Shards as children named like the real ones, each forwarding its commands to a probe. */
    static final class ProbeShards implements ShardDirectory {
        final List<TestProbe<SimShard.Command>> probes = new ArrayList<>();
        final List<ActorRef<Object>> children = new ArrayList<>();
        final CompletableFuture<ActorRef<SimShard.ShardReady>> coordinator = new CompletableFuture<>();
        final CompletableFuture<ActorRef<ShardsMoving>> moving = new CompletableFuture<>();

        ProbeShards() {
            for (int s = 0; s < SHARDS; s++) {
                probes.add(KIT.createTestProbe());
            }
        }

        @Override
        public Shards start(ActorContext<?> ctx, PipelineContext pipeline, ActorRef<SimShard.ShardReady> ready,
                ActorRef<ShardsMoving> movingRef) {
            for (int s = 0; s < SHARDS; s++) {
                ActorRef<SimShard.Command> probe = probes.get(s).getRef();
                ActorRef<Object> child = ctx.spawn(forwarder(probe), "shard-" + s);
                ctx.watch(child);
                children.add(child);
            }
            coordinator.complete(ready);
            moving.complete(movingRef);
            return (shard, command) -> children.get(shard).tell(command);
        }

        private static Behavior<Object> forwarder(ActorRef<SimShard.Command> probe) {
            return Behaviors.receive((c, m) -> {
                if (m instanceof SimShard.Command command) {
                    probe.tell(command);
                    return Behaviors.same();
                }
                return Behaviors.stopped(); // anything else: the shard is lost
            });
        }

        void ready(int... shardIds) throws Exception {
            for (int s : shardIds) {
                coordinator.get(5, TimeUnit.SECONDS).tell(new SimShard.ShardReady(s));
            }
        }

        void lose(int shard) {
            children.get(shard).tell("stop");
        }

        SimShard.Collect collect(int shard) {
            return probes.get(shard).expectMessageClass(SimShard.Collect.class);
        }

        void expectNoCollect() {
            for (TestProbe<SimShard.Command> p : probes) {
                p.expectNoMessage(QUIET);
            }
        }
    }

    private static final LearnerState.Header LEARNER = new LearnerState.Header(DIMS, 1);

    private ActorRef<IterationCoordinator.Command> coordinator(Duration stageTimeout, IterationCoordinator.Start start) {
        return coordinator(stageTimeout, start, null);
    }

    private ActorRef<IterationCoordinator.Command> coordinator(Duration stageTimeout, IterationCoordinator.Start start,
            ActorRef<TelemetryWriterActor.Command> telemetry) {
        TrainingSettings training = new TrainingSettings(1, NUM_ENVS, HORIZON, SHARDS, 10, 2, false, stageTimeout);
        PipelineContext noShardSettings = null; // the probe shards need none
        return KIT.spawn(IterationCoordinator.create(training, LEARNER,
                new IterationCoordinator.Actors(ppo.getRef(), discriminator.getRef(), buffer.getRef(), telemetry),
                (ctx, ready, moving) -> shards.start(ctx, noShardSettings, ready, moving), start));
    }

    private ActorRef<IterationCoordinator.Command> coordinator() {
        return coordinator(Duration.ofSeconds(30), IterationCoordinator.Start.fresh(SHARDS));
    }

    /** The buffer's part: a rollout with each shard's end-of-iteration env state, handed over in the reply. */
    private ActorRef<TrajectoryBufferActor.RolloutAssembled> expectAssembly(long iteration) {
        TrajectoryBufferActor.Expect e = buffer.expectMessageClass(TrajectoryBufferActor.Expect.class);
        assertEquals(iteration, e.iteration());
        RolloutBuffer b = new RolloutBuffer(iteration, HORIZON, NUM_ENVS, SHARDS, DIMS);
        for (int s = 0; s < SHARDS; s++) {
            b.setBlob(RolloutColumn.ENV_STATE, s, new byte[] {(byte) iteration, (byte) s});
        }
        assembledRollout = b;
        return e.replyTo();
    }

    /** A coordinator resumed after iteration 4 and the buffer's reply channel for iteration 5. */
    private record Resumed(ActorRef<IterationCoordinator.Command> coordinator,
            ActorRef<TrajectoryBufferActor.RolloutAssembled> assembly) {}

    /**
     * Resumes after iteration 4 with each shard's start {@code states}, both shards ready, and runs
     * iteration 5 up to θ5 published.
     */
    private Resumed resumeAndPublish5(byte[][] states) throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator(Duration.ofSeconds(30),
                new IterationCoordinator.Start(4, 4L * NUM_ENVS * HORIZON, 4L * HORIZON, 400, states));
        shards.ready(0, 1);
        c.tell(new IterationCoordinator.RunIteration(5, outcomes.getRef()));
        ActorRef<TrajectoryBufferActor.RolloutAssembled> assembly = expectAssembly(5);
        expectPublish(5).tell(new PpoLearnerActor.PolicyPublished(5, "theta-5", 100, 1.0));
        return new Resumed(c, assembly);
    }

    private ActorRef<PpoLearnerActor.PolicyPublished> expectPublish(long iteration) {
        PpoLearnerActor.PublishPolicy p = ppo.expectMessageClass(PpoLearnerActor.PublishPolicy.class);
        assertEquals(iteration, p.iteration());
        return p.replyTo();
    }

    private static PpoStats ppoStats(long iteration) {
        return new PpoStats(iteration, 0.1, 0.2, 0.3, 0.01, 0.05, 0, 1, 1e-3, 0.5, 2, 0.8);
    }

    private static DiscriminatorStats discriminatorStats(long iteration) {
        return new DiscriminatorStats(iteration, 0.7, 0.1, 0.6, 0, 0.6, 0.4, 0.75, 0.25, 1, 1e-4, 24);
    }

    /** Runs iteration {@code k} through every stage in order, checking that no stage starts early. */
    private IterationOutcome.Done runIteration(ActorRef<IterationCoordinator.Command> c, long k) {
        c.tell(new IterationCoordinator.RunIteration(k, outcomes.getRef()));
        ActorRef<TrajectoryBufferActor.RolloutAssembled> assembled = expectAssembly(k);
        ActorRef<PpoLearnerActor.PolicyPublished> published = expectPublish(k);
        shards.expectNoCollect(); // θk is not out yet

        published.tell(new PpoLearnerActor.PolicyPublished(k, "theta-" + k, 100, 1.5));
        for (int s = 0; s < SHARDS; s++) {
            SimShard.Collect collect = shards.collect(s);
            assertEquals(k, collect.iteration());
            assertEquals((k - 1) * HORIZON, collect.startStep());
            assertEquals(buffer.getRef(), collect.buffer());
        }
        discriminator.expectNoMessage(QUIET); // the rollout is not assembled yet

        RolloutBuffer rollout = assembledRollout;
        assembled.tell(new TrajectoryBufferActor.RolloutAssembled(k, rollout, 4.0, 0.5, 4096));
        DiscriminatorTrainerActor.Train train = discriminator.expectMessageClass(DiscriminatorTrainerActor.Train.class);
        assertEquals(k, train.iteration());
        assertSame(rollout.rollout(), train.rollout());
        ppo.expectNoMessage(QUIET); // PPO waits for the style rewards

        float[] style = filled(0.25f);
        train.replyTo().tell(new DiscriminatorTrainerActor.StyleScored(k, style, filled(-1f), 0.25, 2.0));
        PpoLearnerActor.Update update = ppo.expectMessageClass(PpoLearnerActor.Update.class);
        assertEquals(k, update.iteration());
        assertSame(rollout.rollout(), update.rollout());
        assertSame(style, update.styleRewards());
        train.replyTo().tell(new DiscriminatorTrainerActor.DiscriminatorUpdated(k, "d-" + k, discriminatorStats(k), 100 * k, 3.0));
        outcomes.expectNoMessage(QUIET); // the PPO update is still running

        update.replyTo().tell(new PpoLearnerActor.PolicyUpdated(k, "pi-" + k, ppoStats(k), filled(0.5f), 5.0));
        return outcomes.expectMessageClass(IterationOutcome.Done.class);
    }

    private static float[] filled(float value) {
        float[] a = new float[HORIZON * NUM_ENVS];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void stagesRunInOrderAndTheOutcomeCarriesTheirResults() throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator();
        shards.ready(0, 1);
        IterationOutcome.Done done = runIteration(c, 1);

        assertEquals(1, done.iteration());
        assertEquals(NUM_ENVS * HORIZON, done.envSteps());
        assertEquals("pi-1", done.policyDigest());
        assertEquals("d-1", done.discriminatorDigest());
        assertEquals(0.75 * 0.5 + 0.25 * 0.5, done.statistics().get("disc_accuracy"), 1e-12);
        assertEquals(0.1, done.statistics().get("surrogate_loss"), 1e-12);
        assertEquals(List.of("rollout", "transport", "style_reward", "d_update", "ppo_update", "learn", "iteration",
                "shard_restarts", "rollout_mib"), new ArrayList<>(done.stageMillis().keySet()));
        assertEquals(4.0, done.stageMillis().get("rollout"));
        assertEquals(0.0, done.stageMillis().get("shard_restarts"));
        assertEquals(0.25, done.statistics().get("style_reward"), 1e-9); // the learners' replies, not the buffer's
        assertEquals(0.5, done.statistics().get("combined_reward"), 1e-9);
    }

    @Test
    void doneRolloutIsHandedToTelemetryWithTheLearnersRewards() throws Exception {
        TestProbe<TelemetryWriterActor.Command> telemetry = KIT.createTestProbe();
        ActorRef<IterationCoordinator.Command> c = coordinator(Duration.ofSeconds(30), IterationCoordinator.Start.fresh(SHARDS),
                telemetry.getRef());
        shards.ready(0, 1);
        runIteration(c, 1);
        RolloutBuffer first = assembledRollout;
        TelemetryWriterActor.Record record = telemetry.expectMessageClass(TelemetryWriterActor.Record.class);
        assertEquals(1, record.iteration());
        assertEquals(0, record.startStep());
        assertSame(first, record.rollout());
        assertArrayEquals(filled(0.25f), record.rollout().styleRewards());
        assertArrayEquals(filled(-1f), record.rollout().discriminatorScores());
        assertArrayEquals(filled(0.5f), record.rollout().combinedRewards());

        runIteration(c, 2); // each iteration's rollout is its own, handed over once
        TelemetryWriterActor.Record second = telemetry.expectMessageClass(TelemetryWriterActor.Record.class);
        assertEquals(HORIZON, second.startStep());
        assertSame(assembledRollout, second.rollout());
        assertTrue(first != second.rollout());
        telemetry.expectNoMessage(QUIET);
    }

    @Test
    void nextIterationStartsWhereTheLastEndedAndCheckpointHoldsItsState() throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator();
        shards.ready(0, 1);
        runIteration(c, 1);
        IterationOutcome.Done second = runIteration(c, 2); // its Collects start at step HORIZON (checked inside)
        assertEquals(2L * NUM_ENVS * HORIZON, second.envSteps());

        TestProbe<TrainingCheckpoint> checkpoints = KIT.createTestProbe();
        c.tell(new IterationCoordinator.TakeCheckpoint(checkpoints.getRef()));
        PpoLearnerActor.SaveState save = ppo.expectMessageClass(PpoLearnerActor.SaveState.class);
        DiscriminatorTrainerActor.SaveState saveD = discriminator.expectMessageClass(DiscriminatorTrainerActor.SaveState.class);
        saveD.replyTo().tell(new DiscriminatorTrainerActor.StateSaved(new byte[] {8}));
        checkpoints.expectNoMessage(QUIET); // the policy's section is still missing
        save.replyTo().tell(new PpoLearnerActor.StateSaved(new byte[] {9, 9}));
        TrainingCheckpoint cp = checkpoints.receiveMessage();
        assertEquals(2, cp.iteration());
        assertEquals(2L * NUM_ENVS * HORIZON, cp.envSteps());
        assertEquals(2L * HORIZON, cp.nextStep());
        assertEquals(200, cp.expertPosition()); // the discriminator's sampler position after iteration 2
        assertArrayEquals(new byte[] {2, 1}, cp.envStates()[1]);
        // Header, the policy's section, then the discriminator's, whichever replied first.
        assertArrayEquals(LearnerState.encode(LEARNER, new byte[] {9, 9}, new byte[] {8}), cp.learnerState());
    }

    @Test
    void iterationWaitsUntilEveryShardIsReady() throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator();
        shards.ready(0);
        c.tell(new IterationCoordinator.RunIteration(1, outcomes.getRef()));
        buffer.expectNoMessage(QUIET);
        ppo.expectNoMessage(QUIET);
        shards.ready(1);
        expectAssembly(1);
        expectPublish(1);
    }

    @Test
    void restoredStartSendsEachShardItsStateOnce() throws Exception {
        byte[][] states = {{7, 0}, {7, 1}};
        resumeAndPublish5(states);
        for (int s = 0; s < SHARDS; s++) {
            SimShard.Collect collect = shards.collect(s);
            assertEquals(4L * HORIZON, collect.startStep());
            assertArrayEquals(states[s], collect.restoreState());
        }
    }

    @Test
    void restartedShardReSimulatesFromItsIterationStartState() throws Exception {
        byte[][] states = {{7, 0}, {7, 1}};
        ActorRef<TrajectoryBufferActor.RolloutAssembled> assembled = resumeAndPublish5(states).assembly();
        shards.collect(0);
        shards.collect(1);

        shards.ready(1); // shard 1 restarted mid-iteration: θ goes out again, then its Collect with its start state
        ActorRef<PpoLearnerActor.PolicyPublished> republished = expectPublish(5);
        shards.probes.get(1).expectNoMessage(QUIET);
        republished.tell(new PpoLearnerActor.PolicyPublished(5, "theta-5", 100, 1.0));
        SimShard.Collect again = shards.collect(1);
        assertArrayEquals(states[1], again.restoreState());
        shards.probes.get(0).expectNoMessage(QUIET); // shard 0 keeps its attempt

        assembled.tell(new TrajectoryBufferActor.RolloutAssembled(5, assembledRollout, 4.0, 0.5, 4096));
        DiscriminatorTrainerActor.Train train = discriminator.expectMessageClass(DiscriminatorTrainerActor.Train.class);
        train.replyTo().tell(new DiscriminatorTrainerActor.StyleScored(5, filled(0.25f), filled(0f), 0.25, 2.0));
        PpoLearnerActor.Update update = ppo.expectMessageClass(PpoLearnerActor.Update.class);
        train.replyTo().tell(new DiscriminatorTrainerActor.DiscriminatorUpdated(5, "d-5", discriminatorStats(5), 500, 3.0));
        update.replyTo().tell(new PpoLearnerActor.PolicyUpdated(5, "pi-5", ppoStats(5), filled(0.25f), 5.0));
        IterationOutcome.Done done = outcomes.expectMessageClass(IterationOutcome.Done.class);
        assertEquals(1.0, done.stageMillis().get("shard_restarts"));
    }

    /**
     * A shard restarted (or moved) once its batch is assembled, while D and PPO update: θ is not
     * published again (the PPO actor may already hold θk+1, which would go out as θk) and the shard
     * is not sent the iteration again; the next iteration restores it to this iteration's end state.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aShardLostDuringTheUpdatesStartsTheNextIterationFromTheEndState(boolean moved) throws Exception {
        byte[][] states = {{7, 0}, {7, 1}};
        Resumed r = resumeAndPublish5(states);
        ActorRef<IterationCoordinator.Command> c = r.coordinator();
        ActorRef<TrajectoryBufferActor.RolloutAssembled> assembled = r.assembly();
        shards.collect(0);
        shards.collect(1);
        RolloutBuffer rollout = assembledRollout;
        assembled.tell(new TrajectoryBufferActor.RolloutAssembled(5, rollout, 4.0, 0.5, 4096));
        DiscriminatorTrainerActor.Train train = discriminator.expectMessageClass(DiscriminatorTrainerActor.Train.class);
        train.replyTo().tell(new DiscriminatorTrainerActor.StyleScored(5, filled(0.25f), filled(0f), 0.25, 2.0));
        PpoLearnerActor.Update update = ppo.expectMessageClass(PpoLearnerActor.Update.class);

        if (moved) {
            shards.moving.get(5, TimeUnit.SECONDS).tell(new ShardDirectory.ShardsMoving(new int[] {1}));
        }
        shards.ready(1); // shard 1 (re)starts with a fresh VecEnv while the PPO update runs
        ppo.expectNoMessage(QUIET); // no PublishPolicy queued behind the update
        shards.expectNoCollect();

        train.replyTo().tell(new DiscriminatorTrainerActor.DiscriminatorUpdated(5, "d-5", discriminatorStats(5), 500, 3.0));
        update.replyTo().tell(new PpoLearnerActor.PolicyUpdated(5, "pi-5", ppoStats(5), filled(0.25f), 5.0));
        outcomes.expectMessageClass(IterationOutcome.Done.class);

        c.tell(new IterationCoordinator.RunIteration(6, outcomes.getRef()));
        expectAssembly(6);
        expectPublish(6).tell(new PpoLearnerActor.PolicyPublished(6, "theta-6", 100, 1.0));
        assertNull(shards.collect(0).restoreState(), "shard 0 continues from where its env is");
        SimShard.Collect again = shards.collect(1);
        assertEquals(6, again.iteration());
        assertArrayEquals(rollout.envState(1), again.restoreState(), "shard 1 restored to the end state of iteration 5");
    }

    @Test
    void movedShardsAreWaitedForAndResentTheirStartState() throws Exception {
        byte[][] states = {{7, 0}, {7, 1}};
        resumeAndPublish5(states);
        shards.collect(0);
        shards.collect(1);

        shards.moving.get(5, TimeUnit.SECONDS).tell(new ShardDirectory.ShardsMoving(new int[] {0}));
        ppo.expectNoMessage(QUIET); // nothing is re-sent until the moved shard is up again
        shards.ready(0);
        expectPublish(5).tell(new PpoLearnerActor.PolicyPublished(5, "theta-5", 100, 1.0));
        assertArrayEquals(states[0], shards.collect(0).restoreState());
        shards.probes.get(1).expectNoMessage(QUIET);
    }

    @Test
    void requestOutOfOrderIsRefusedAndTheCoordinatorCarriesOn() throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator();
        shards.ready(0, 1);
        c.tell(new IterationCoordinator.RunIteration(3, outcomes.getRef()));
        IterationOutcome.Failed f = outcomes.expectMessageClass(IterationOutcome.Failed.class);
        assertEquals(3, f.iteration());
        assertTrue(f.reason().contains("the last completed is 0"), f.reason());
        runIteration(c, 1);
    }

    @Test
    void stageTimeoutFailsTheIterationNamingTheStage() throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator(Duration.ofMillis(500), IterationCoordinator.Start.fresh(SHARDS));
        shards.ready(0, 1);
        c.tell(new IterationCoordinator.RunIteration(1, outcomes.getRef()));
        expectAssembly(1);
        expectPublish(1).tell(new PpoLearnerActor.PolicyPublished(1, "theta-1", 100, 1.0));
        shards.collect(0);
        shards.collect(1);
        // No rollout arrives (a shard's batch was lost): the stage timeout fails the iteration.
        IterationOutcome.Failed f = outcomes.expectMessageClass(IterationOutcome.Failed.class, Duration.ofSeconds(5));
        assertEquals(1, f.iteration());
        assertTrue(f.reason().contains("stage-timeout") && f.reason().contains("waiting for the shards' rollouts"), f.reason());
        outcomes.expectTerminated(c, Duration.ofSeconds(5));
    }

    @Test
    void stageTimeoutDuringTheUpdatesNamesThem() throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator(Duration.ofMillis(800), IterationCoordinator.Start.fresh(SHARDS));
        shards.ready(0, 1);
        c.tell(new IterationCoordinator.RunIteration(1, outcomes.getRef()));
        ActorRef<TrajectoryBufferActor.RolloutAssembled> assembled = expectAssembly(1);
        expectPublish(1).tell(new PpoLearnerActor.PolicyPublished(1, "theta-1", 100, 1.0));
        assembled.tell(new TrajectoryBufferActor.RolloutAssembled(1, assembledRollout, 4.0, 0.5, 4096));
        DiscriminatorTrainerActor.Train train = discriminator.expectMessageClass(DiscriminatorTrainerActor.Train.class);
        train.replyTo().tell(new DiscriminatorTrainerActor.StyleScored(1, filled(0.25f), filled(0f), 0.25, 2.0));
        ppo.expectMessageClass(PpoLearnerActor.Update.class); // never answered
        IterationOutcome.Failed f = outcomes.expectMessageClass(IterationOutcome.Failed.class, Duration.ofSeconds(5));
        assertTrue(f.reason().contains("updating D and the policy"), f.reason());
    }

    @Test
    void lostShardFailsTheIteration() throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator();
        shards.ready(0, 1);
        c.tell(new IterationCoordinator.RunIteration(1, outcomes.getRef()));
        expectAssembly(1);
        expectPublish(1).tell(new PpoLearnerActor.PolicyPublished(1, "theta-1", 100, 1.0));
        shards.collect(0);
        shards.collect(1);
        shards.lose(1);
        IterationOutcome.Failed f = outcomes.expectMessageClass(IterationOutcome.Failed.class);
        assertEquals(1, f.iteration());
        assertEquals("pipeline actor shard-1 stopped after exhausting its restarts", f.reason());
        outcomes.expectTerminated(c, Duration.ofSeconds(5));
    }

    @Test
    void stoppedLearnerActorFailsTheWaitingIteration() throws Exception {
        ActorRef<IterationCoordinator.Command> c = coordinator();
        shards.ready(0);
        c.tell(new IterationCoordinator.RunIteration(1, outcomes.getRef())); // waits for shard 1
        discriminator.stop();
        IterationOutcome.Failed f = outcomes.expectMessageClass(IterationOutcome.Failed.class);
        assertEquals(1, f.iteration());
        assertTrue(f.reason().endsWith("stopped on an error"), f.reason());
        outcomes.expectTerminated(c, Duration.ofSeconds(5));
    }

    @Test
    void startStateMustCoverEveryShard() {
        TestProbe<Object> watcher = KIT.createTestProbe();
        ActorRef<IterationCoordinator.Command> c = coordinator(Duration.ofSeconds(30), IterationCoordinator.Start.fresh(3));
        watcher.expectTerminated(c, Duration.ofSeconds(5)); // the constructor refuses the mismatched checkpoint
        shards.expectNoCollect();
        assertNull(shards.coordinator.getNow(null));
    }

    @Test
    void statisticsAreMeansOverTheRollout() {
        RolloutBuffer b = new RolloutBuffer(1, HORIZON, NUM_ENVS, SHARDS, DIMS);
        float[] task = b.rollout().taskRewards();
        Arrays.fill(task, 2f);
        float[] style = new float[task.length];
        Arrays.fill(style, 1f);
        float[] combined = new float[task.length];
        Arrays.fill(combined, 1.5f);
        b.setStyleRewards(style);
        b.setCombinedRewards(combined);
        b.episodeLengths()[0] = 3;
        b.episodeLengths()[5] = 5;
        var m = IterationCoordinator.statistics(b, ppoStats(1), discriminatorStats(1));
        assertEquals(2.0, m.get("task_reward"), 1e-9);
        assertEquals(1.0, m.get("style_reward"), 1e-9);
        assertEquals(1.5, m.get("combined_reward"), 1e-9);
        assertEquals(2.0, m.get("episodes"));
        assertEquals(4.0, m.get("episode_length"), 1e-9);
    }
}
