package dev.ampj.actors.shard;

import dev.ampj.actors.config.PipelineContext;
import dev.ampj.actors.learn.TrajectoryBufferActor;
import dev.ampj.actors.shard.ShardRollout;
import dev.ampj.actors.shard.ShardState;
import dev.ampj.actors.transport.PooledBatchBuffers;
import dev.ampj.actors.transport.TensorPublisher;
import dev.ampj.actors.transport.TensorSubscriber;
import dev.ampj.actors.transport.TransportTimeoutException;
import dev.ampj.actors.wire.CborSerializable;
import dev.ampj.actors.wire.PolicyStream;
import dev.ampj.actors.wire.ShardTrajectory;
import dev.ampj.actors.wire.TrajectoryBatch;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchDecoder;
import dev.ampj.sim.wire.WireFormat;
import java.time.Duration;
import org.agrona.BufferUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A simulator shard: an entity (id = shard index) owning a fixed block of global env ids and their
 * VecEnv. Per iteration it takes θk from the policy stream (Aeron), runs T steps with its local
 * policy copy, publishes its trajectory as one tensor batch on the trajectory stream and tells the
 * TrajectoryBufferActor by message. Only control goes through its mailbox.
 *
 * <p>Supervision: an exception restarts the shard with a fresh VecEnv; it announces itself again
 ({@link ShardReady}) and the coordinator re-sends the iteration with the
 * iteration-start state, so the shard re-simulates from exactly where the failed attempt began.
 */
public final class SimShard extends AbstractBehavior<SimShard.Command> {

    /** Messages a SimShard accepts. */
    public sealed interface Command {}

    /**
     * Simulate iteration {@code iteration} from global step {@code startStep}. {@code restoreState},
     * when not null, is the VecEnv snapshot to start from (after a restart or a checkpoint restore).
     */
    public record Collect(long iteration, long startStep, byte[] restoreState, ActorRef<TrajectoryBufferActor.Command> buffer)
            implements Command, CborSerializable {}

    /** Told to the coordinator when the shard is up and subscribed; a second one from a shard means it was restarted. */
    public record ShardReady(int shard) implements CborSerializable {}

    /** Restarts allowed within {@link #RESTART_WINDOW} before the shard gives up and stops. */
    static final int MAX_RESTARTS = 3;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(1);

    public static Behavior<Command> create(PipelineContext pipeline, int shard, ActorRef<ShardReady> coordinator) {
        Behavior<Command> shardBehavior = Behaviors.setup(ctx -> new SimShard(ctx, pipeline, shard, coordinator));
        return Behaviors.supervise(shardBehavior)
                .onFailure(RuntimeException.class, SupervisorStrategy.restart().withLimit(MAX_RESTARTS, RESTART_WINDOW));
    }

    private final PipelineContext pipeline;
    private final int shard;
    private final int[] envIds;
    private final VecEnv env;
    private final TensorSubscriber policySubscriber;
    private final TensorPublisher trajectoryPublisher;
    private final IdleStrategy idle;
    private final ShardTrajectory trajectory;
    private float[] policyParams;
    private long policyIteration = -1;
    private PolicyInference inference;
    private UnsafeBuffer out = new UnsafeBuffer(new byte[0]);

    private SimShard(ActorContext<Command> ctx, PipelineContext pipeline, int shard, ActorRef<ShardReady> coordinator) {
        super(ctx);
        this.pipeline = pipeline;
        this.shard = shard;
        this.envIds = pipeline.layout().envIds(shard);
        this.idle = pipeline.transport().idle().newStrategy();
        this.env = pipeline.envs().create(pipeline.training().seed(), envIds);
        this.trajectory = new ShardTrajectory(pipeline.training().horizon(), envIds.length, pipeline.dims());
        this.policySubscriber = new TensorSubscriber(pipeline.aeron(), pipeline.policyTransport(),
                pipeline.transport().policyStreamId(), pipeline.runId(), StreamKind.POLICY_PARAMS, new PooledBatchBuffers(),
                this::onPolicy, (reason, detail) -> ctx.getLog().debug("shard {} policy frame dropped: {} {}", shard, reason, detail));
        this.trajectoryPublisher = new TensorPublisher(pipeline.aeron(), pipeline.trajectoryTransport(),
                pipeline.transport().trajectoryStreamId());
        awaitPolicyStream();
        coordinator.tell(new ShardReady(shard));
    }

    private void awaitPolicyStream() {
        long deadline = System.nanoTime() + pipeline.transport().publicationTimeout().toNanos();
        idle.reset();
        while (!policySubscriber.isConnected()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TransportTimeoutException("shard " + shard + ": the policy stream " + pipeline.transport().policyStreamId()
                        + " has no publication after " + pipeline.transport().publicationTimeout());
            }
            idle.idle();
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Collect.class, this::onCollect)
                .onSignal(PreRestart.class, s -> close())
                .onSignal(PostStop.class, s -> close())
                .build();
    }

    private Behavior<Command> onCollect(Collect c) {
        if (c.restoreState() != null) {
            ShardState.restore(env, c.restoreState());
        }
        receivePolicy(c.iteration());
        ShardRollout.run(env, inference, c.startStep(), trajectory);
        long t0 = System.nanoTime();
        int length = TrajectoryBatch.encodedLength(trajectory);
        if (out.capacity() < length) {
            out = new UnsafeBuffer(BufferUtil.allocateDirectAligned(WireFormat.align(length), WireFormat.DATA_ALIGNMENT));
        }
        int encoded = TrajectoryBatch.encode(trajectory, pipeline.runId(), c.iteration(), shard, out);
        trajectoryPublisher.publish(out, 0, encoded);
        double publishMillis = (System.nanoTime() - t0) / 1e6;
        c.buffer().tell(new TrajectoryBufferActor.ShardPublished(c.iteration(), shard, encoded, trajectory.simMillis, publishMillis));
        return this;
    }

    /** Polls the policy stream until θ of {@code iteration} is assembled, then rebuilds the local policy copy. */
    private void receivePolicy(long iteration) {
        if (policyIteration == iteration) {
            return;
        }
        policySubscriber.expectIteration(iteration);
        long deadline = System.nanoTime() + pipeline.training().stageTimeout().toNanos();
        idle.reset();
        while (policyIteration != iteration) {
            if (policySubscriber.poll() == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new TransportTimeoutException("shard " + shard + ": no policy parameters for iteration " + iteration
                            + " within " + pipeline.training().stageTimeout());
                }
                idle.idle();
            } else {
                idle.reset();
            }
        }
        if (inference != null) {
            inference.close();
        }
        inference = PolicyInference.create(pipeline.learner(), pipeline.dims(), pipeline.training().seed(), policyParams);
    }

    private void onPolicy(TensorBatchDecoder batch) {
        int c = batch.requireColumn(PolicyStream.COLUMN);
        if (policyParams == null || policyParams.length != batch.elementCount(c)) {
            policyParams = new float[batch.elementCount(c)];
        }
        batch.getFloats(c, policyParams, 0);
        policyIteration = batch.iteration();
    }

    private Behavior<Command> close() {
        if (inference != null) {
            inference.close();
            inference = null;
        }
        policySubscriber.close();
        trajectoryPublisher.close();
        env.close();
        return this;
    }
}
