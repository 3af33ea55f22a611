package dev.ampj.actors.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.config.ShardLayout;
import dev.ampj.actors.transport.EmbeddedMediaDriver;
import dev.ampj.actors.transport.TensorPublisher;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.actors.wire.RolloutBuffer;
import dev.ampj.actors.wire.ShardTrajectory;
import dev.ampj.actors.wire.TrajectoryBatch;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.storage.RolloutColumn;
import dev.ampj.sim.wire.RunIds;
import dev.ampj.sim.wire.WireFormat;
import java.nio.file.Path;
import java.time.Duration;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TrajectoryBufferActor on a real embedded media driver (aeron:ipc): it assembles the shards'
 * batches into one rollout in env-id order whatever their arrival order, hands the rollout over, and
 * never blocks on a batch that its shard reported but that has not arrived.
 */
@Timeout(120)
class TrajectoryBufferActorTest {

    private static final long RUN = RunIds.of("trajectory-buffer-test");
    private static final LearnerDims DIMS = new LearnerDims(3, 4, 2, 2);
    private static final int HORIZON = 3;
    private static final ShardLayout LAYOUT = new ShardLayout(5, 2); // shard 0: envs 0-1, shard 1: envs 2-4
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static TransportSettings settings;
    static EmbeddedMediaDriver driver;
    static ActorTestKit kit;

    @BeforeAll
    static void start() {
        // A long publication timeout: a buffer that waited for a missing batch would hang for it.
        settings = TransportSettings.fromConfig(ConfigFactory.parseString("amp.actors.transport {\n"
                        + "aeron-dir = \"" + dir.resolve("aeron").toAbsolutePath() + "\"\n"
                        + "term-length = 16 MiB\nmax-message-size = 1 MiB\npublication-timeout = 60s\n}")
                .withFallback(ConfigFactory.defaultReference()).resolve());
        driver = EmbeddedMediaDriver.launch(settings);
        kit = ActorTestKit.create("TrajectoryBufferActorTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
        driver.close();
    }

    private static ActorRef<TrajectoryBufferActor.Command> spawnBuffer() {
        return kit.spawn(TrajectoryBufferActor.create(new TrajectoryBufferActor.Settings(RUN, HORIZON, LAYOUT, DIMS, settings),
                driver.aeron()));
    }

    /** Shard {@code shard}'s trajectory: task reward 100·step + global env id, env state {shard, iteration}. */
    private static ShardTrajectory trajectory(int shard, long iteration) {
        int first = LAYOUT.first(shard);
        int envs = LAYOUT.count(shard);
        ShardTrajectory t = new ShardTrajectory(HORIZON, envs, DIMS);
        float[] task = t.rollout().taskRewards();
        for (int step = 0; step < HORIZON; step++) {
            for (int e = 0; e < envs; e++) {
                task[step * envs + e] = 100 * step + first + e;
            }
        }
        t.setBlob(RolloutColumn.ENV_STATE, new byte[] {(byte) shard, (byte) iteration});
        return t;
    }

    /** Publishes shard {@code shard}'s batch of {@code iteration}; returns its length. */
    private static int publish(TensorPublisher publisher, int shard, long iteration) {
        ShardTrajectory t = trajectory(shard, iteration);
        UnsafeBuffer out = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
                WireFormat.align(TrajectoryBatch.encodedLength(t)), WireFormat.DATA_ALIGNMENT));
        int length = TrajectoryBatch.encode(t, RUN, iteration, shard, out);
        publisher.publish(out, 0, length);
        return length;
    }

    @Test
    void shardsAssembleInEnvOrderWhateverTheirArrivalOrder() {
        ActorRef<TrajectoryBufferActor.Command> buffer = spawnBuffer();
        TestProbe<TrajectoryBufferActor.RolloutAssembled> coordinator = kit.createTestProbe();
        try (TensorPublisher publisher = new TensorPublisher(driver.aeron(), settings, settings.trajectoryStreamId())) {
            buffer.tell(new TrajectoryBufferActor.Expect(1, coordinator.getRef()));
            publisher.awaitConnected();
            int second = publish(publisher, 1, 1);
            buffer.tell(new TrajectoryBufferActor.ShardPublished(1, 1, second, 7.0, 0.5));
            coordinator.expectNoMessage(Duration.ofMillis(200)); // shard 0 is still out
            int first = publish(publisher, 0, 1);
            buffer.tell(new TrajectoryBufferActor.ShardPublished(1, 0, first, 3.0, 0.25));

            TrajectoryBufferActor.RolloutAssembled assembled = coordinator.expectMessageClass(
                    TrajectoryBufferActor.RolloutAssembled.class, WAIT);
            assertEquals(1, assembled.iteration());
            assertEquals(7.0, assembled.maxSimMillis());
            assertEquals(first + second, assembled.bytes());
            RolloutBuffer rollout = assembled.rollout();
            float[] task = rollout.rollout().taskRewards();
            for (int step = 0; step < HORIZON; step++) {
                for (int env = 0; env < LAYOUT.numEnvs(); env++) {
                    assertEquals(100 * step + env, task[step * LAYOUT.numEnvs() + env], "step " + step + ", env " + env);
                }
            }
            assertArrayEquals(new byte[] {0, 1}, rollout.envState(0));
            assertArrayEquals(new byte[] {1, 1}, rollout.envState(1));
        } finally {
            kit.stop(buffer, WAIT);
        }
    }

    @Test
    void aReportedBatchStillInFlightBlocksNothingAndCompletesTheRolloutWhenItComes() {
        ActorRef<TrajectoryBufferActor.Command> buffer = spawnBuffer();
        TestProbe<TrajectoryBufferActor.RolloutAssembled> coordinator = kit.createTestProbe();
        try (TensorPublisher publisher = new TensorPublisher(driver.aeron(), settings, settings.trajectoryStreamId())) {
            buffer.tell(new TrajectoryBufferActor.Expect(4, coordinator.getRef()));
            publisher.awaitConnected();
            // Shard 0 reports a batch that is not in the stream yet (its sender's data still in flight).
            buffer.tell(new TrajectoryBufferActor.ShardPublished(4, 0, 1, 3.0, 0.25));
            int second = publish(publisher, 1, 4);
            buffer.tell(new TrajectoryBufferActor.ShardPublished(4, 1, second, 7.0, 0.5));
            coordinator.expectNoMessage(Duration.ofMillis(300));
            publish(publisher, 0, 4); // read by a drain, not by a wait inside the report's handler
            RolloutBuffer rollout = coordinator.expectMessageClass(TrajectoryBufferActor.RolloutAssembled.class, WAIT).rollout();
            assertArrayEquals(new byte[] {0, 4}, rollout.envState(0));
        }

        // And with a reported batch that never comes, the actor still stops at once (nothing waits for the 60 s timeout).
        ActorRef<TrajectoryBufferActor.Command> waiting = buffer;
        waiting.tell(new TrajectoryBufferActor.Expect(5, coordinator.getRef()));
        waiting.tell(new TrajectoryBufferActor.ShardPublished(5, 0, 1, 3.0, 0.25));
        kit.stop(waiting, Duration.ofSeconds(5));
    }
}
