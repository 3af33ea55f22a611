package dev.ampj.actors.learn;

import dev.ampj.actors.config.PipelineContext;
import dev.ampj.actors.transport.TensorPublisher;
import dev.ampj.actors.wire.PolicyStream;
import dev.ampj.actors.wire.RolloutBuffer;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.algo.PpoStats;
import dev.ampj.sim.wire.WireFormat;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns the policy side of the learner: publishes θk to the shards on the policy stream (Aeron) and
 * runs the PPO update of an iteration (reward combination, GAE, epochs) on its own thread, while the
 * DiscriminatorTrainerActor updates D on another. Also the one place the learner's exact state is
 * encoded (both halves are idle when the coordinator asks).
 */
public final class PpoLearnerActor extends AbstractBehavior<PpoLearnerActor.Command> {

    /** Messages the PpoLearnerActor accepts. */
    public sealed interface Command {}

    /** Publish the current policy as θ of {@code iteration}. */
    public record PublishPolicy(long iteration, ActorRef<PolicyPublished> replyTo) implements Command {}

    /** Update the policy from the rollout of {@code iteration} (its style rewards are in the buffer). */
    public record Update(long iteration, ActorRef<PolicyUpdated> replyTo) implements Command {}

    /** Encode the learner's exact state (policy and discriminator). */
    public record SaveState(ActorRef<StateSaved> replyTo) implements Command {}

    public record PolicyPublished(long iteration, String digest, int bytes, double millis) {}

    public record PolicyUpdated(long iteration, String digest, PpoStats stats, double millis) {}

    public record StateSaved(byte[] learnerState) {}

    public static Behavior<Command> create(PipelineContext pipeline, AmpLearner learner) {
        return Behaviors.setup(ctx -> new PpoLearnerActor(ctx, pipeline, learner));
    }

    private final PipelineContext pipeline;
    private final AmpLearner learner;
    private final TensorPublisher publisher;
    private UnsafeBuffer out = new UnsafeBuffer(new byte[0]);

    private PpoLearnerActor(ActorContext<Command> ctx, PipelineContext pipeline, AmpLearner learner) {
        super(ctx);
        this.pipeline = pipeline;
        this.learner = learner;
        this.publisher = new TensorPublisher(pipeline.aeron(), pipeline.policyTransport(), pipeline.transport().policyStreamId());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(PublishPolicy.class, this::onPublish)
                .onMessage(Update.class, this::onUpdate)
                .onMessage(SaveState.class, this::onSave)
                .onSignal(PostStop.class, s -> {
                    publisher.close();
                    return this;
                })
                .build();
    }

    private Behavior<Command> onPublish(PublishPolicy p) {
        long t0 = System.nanoTime();
        float[] snapshot = learner.policySnapshot();
        int length = PolicyStream.encodedLength(snapshot);
        if (out.capacity() < length) {
            out = new UnsafeBuffer(BufferUtil.allocateDirectAligned(WireFormat.align(length), WireFormat.DATA_ALIGNMENT));
        }
        int encoded = PolicyStream.encode(snapshot, pipeline.runId(), p.iteration(), out);
        publisher.publish(out, 0, encoded);
        p.replyTo().tell(new PolicyPublished(p.iteration(), learner.policyDigest(), encoded, (System.nanoTime() - t0) / 1e6));
        return this;
    }

    private Behavior<Command> onUpdate(Update u) {
        long t0 = System.nanoTime();
        RolloutBuffer buffer = pipeline.rollouts().get(u.iteration());
        float[] rewards = learner.ppo().rewards(buffer.rollout(), buffer.styleRewards());
        buffer.setCombinedRewards(rewards);
        PpoStats stats = learner.ppo().updateWithRewards(buffer.rollout(), rewards);
        u.replyTo().tell(new PolicyUpdated(u.iteration(), learner.policyDigest(), stats, (System.nanoTime() - t0) / 1e6));
        return this;
    }

    private Behavior<Command> onSave(SaveState s) {
        s.replyTo().tell(new StateSaved(learner.saveState()));
        return this;
    }
}
