package dev.ampj.actors.learn;

import dev.ampj.actors.config.ShardLayout;
import dev.ampj.actors.transport.PooledBatchBuffers;
import dev.ampj.actors.transport.TensorSubscriber;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.actors.wire.CborSerializable;
import dev.ampj.actors.wire.RolloutBuffer;
import dev.ampj.actors.wire.TrajectoryBatch;
import dev.ampj.learner.LearnerDims;
import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchDecoder;
import io.aeron.Aeron;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Assembles the shards' trajectory batches of one iteration from the trajectory stream (Aeron) into
 * the iteration's {@link RolloutBuffer}, each at its shard's block of env ids, so the rollout is in
 * shard order = env-id order whatever the arrival order. Drains the stream on a short timer while
 * shards run (so publishers are never back-pressured) and right after each shard's message; it
 * never waits for data (a batch still in flight when its shard reports is read by a later drain),
 * so it needs no blocking dispatcher and answers every message at once. Each
 * iteration's buffer is new and handed over whole in {@link RolloutAssembled}: this actor never
 * touches it again.
 */
public final class TrajectoryBufferActor extends AbstractBehavior<TrajectoryBufferActor.Command> {

    /** Messages the TrajectoryBufferActor accepts. */
    public sealed interface Command {}

    /** Assemble iteration {@code iteration}; reply {@link RolloutAssembled} to {@code replyTo} when complete. */
    public record Expect(long iteration, ActorRef<RolloutAssembled> replyTo) implements Command {}

    /** A shard published its batch of {@code iteration} ({@code bytes} long) after simulating for {@code simMillis}. */
    public record ShardPublished(long iteration, int shard, int bytes, double simMillis, double publishMillis)
            implements Command, CborSerializable {}

    private record Drain() implements Command {}

    /** The iteration's rollout is complete in {@code rollout}, which now belongs to the receiver. */
    public record RolloutAssembled(long iteration, RolloutBuffer rollout, double maxSimMillis, double maxPublishMillis,
            long bytes) {}

    /**
     * What the buffer is built from: the run's wire id, the rollout's shape, and the trajectory
     * stream as the learner subscribes to it (its channel and stream id).
     */
    public record Settings(long runId, int horizon, ShardLayout layout, LearnerDims dims, TransportSettings trajectoryStream) {}

    static final Duration DRAIN_INTERVAL = Duration.ofMillis(2);

    public static Behavior<Command> create(Settings settings, Aeron aeron) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new TrajectoryBufferActor(ctx, timers, settings, aeron)));
    }

    private final Settings settings;
    private final TimerScheduler<Command> timers;
    private final TensorSubscriber subscriber;
    private final int shards;
    private RolloutBuffer current;
    private ActorRef<RolloutAssembled> replyTo;
    private boolean[] told;
    /** System.nanoTime by which each told shard's batch should be read; a warning names those that are not. */
    private long[] readBy;
    private boolean[] overdue;
    private int toldCount;
    private double maxSim;
    private double maxPublish;
    private long bytes;

    private TrajectoryBufferActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, Settings settings, Aeron aeron) {
        super(ctx);
        this.settings = settings;
        this.timers = timers;
        this.shards = settings.layout().shards();
        TransportSettings stream = settings.trajectoryStream();
        this.subscriber = new TensorSubscriber(aeron, stream, stream.trajectoryStreamId(), settings.runId(), StreamKind.TRAJECTORY, new PooledBatchBuffers(), this::onBatch,
                (reason, detail) -> ctx.getLog().debug("trajectory frame dropped: {} {}", reason, detail));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Expect.class, this::onExpect)
                .onMessage(ShardPublished.class, this::onShardPublished)
                .onMessage(Drain.class, d -> drain())
                .onSignal(PostStop.class, s -> {
                    subscriber.close();
                    return this;
                })
                .build();
    }

    private Behavior<Command> onExpect(Expect e) {
        current = new RolloutBuffer(e.iteration(), settings.horizon(), settings.layout().numEnvs(), shards, settings.dims());
        replyTo = e.replyTo();
        told = new boolean[shards];
        readBy = new long[shards];
        overdue = new boolean[shards];
        toldCount = 0;
        maxSim = 0;
        maxPublish = 0;
        bytes = 0;
        subscriber.expectIteration(e.iteration());
        timers.startTimerWithFixedDelay(Drain.class, new Drain(), DRAIN_INTERVAL);
        return this;
    }

    private Behavior<Command> onShardPublished(ShardPublished p) {
        if (current == null || p.iteration() != current.iteration() || told[p.shard()]) {
            return this; // a late message of an abandoned attempt
        }
        told[p.shard()] = true;
        toldCount++;
        maxSim = Math.max(maxSim, p.simMillis());
        maxPublish = Math.max(maxPublish, p.publishMillis());
        bytes += p.bytes();
        // The shard's publish returned: its whole batch is in the log (on IPC), so this drain reads it.
        readBy[p.shard()] = System.nanoTime() + settings.trajectoryStream().publicationTimeout().toNanos();
        return drain();
    }

    private Behavior<Command> drain() {
        if (current != null) {
            while (subscriber.poll() > 0) {
                // read what is there
            }
            warnOverdue();
        }
        return maybeComplete();
    }

    /**
     * A shard whose batch was published but is not read within the publication timeout: its sender
     * may have died with the batch in flight (a cluster node); the shard is then re-simulated
     * elsewhere and its batch still completes the iteration (a later drain); if it never comes, the
     * coordinator's stage timeout fails the iteration.
     */
    private void warnOverdue() {
        long now = System.nanoTime();
        for (int s = 0; s < shards; s++) {
            if (told[s] && !overdue[s] && !subscriber.isCompleted(s) && now - readBy[s] > 0) {
                overdue[s] = true;
                getContext().getLog().warn("trajectory of shard {}, iteration {} was published but not received within {}",
                        s, current.iteration(), settings.trajectoryStream().publicationTimeout());
            }
        }
    }

    private void onBatch(TensorBatchDecoder batch) {
        int shard = batch.shardIndex();
        if (shard < 0 || shard >= shards) {
            getContext().getLog().warn("trajectory batch of unknown shard {} dropped", shard);
            return;
        }
        TrajectoryBatch.decodeInto(batch, current, settings.layout().first(shard), settings.layout().count(shard));
    }

    private Behavior<Command> maybeComplete() {
        if (current != null && toldCount == shards && subscriber.completedBatches() == shards) {
            timers.cancel(Drain.class);
            replyTo.tell(new RolloutAssembled(current.iteration(), current, maxSim, maxPublish, bytes));
            current = null;
        }
        return this;
    }
}
