package dev.ampj.actors.learn;

import dev.ampj.actors.transport.TensorPublisher;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.actors.wire.PolicyStream;
import dev.ampj.learner.algo.PpoLearner;
import dev.ampj.learner.algo.PpoStats;
import dev.ampj.learner.state.LearnerState;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.sim.wire.WireFormat;
import io.aeron.Aeron;
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
 * Owns the policy side of the learner: the policy, critic, their optimiser and observation
 * normalisers ({@link PpoLearner}, used by no other actor) and the policy stream's publication.
 * Publishes θk to the shards (Aeron) and runs the PPO update of an iteration (reward combination,
 * GAE, epochs) on its own thread, while the DiscriminatorTrainerActor updates D on another.
 */
public final class PpoLearnerActor extends AbstractBehavior<PpoLearnerActor.Command> {

    /** Messages the PpoLearnerActor accepts. */
    public sealed interface Command {}

    /** Publish the current policy as θ of {@code iteration}. */
    public record PublishPolicy(long iteration, ActorRef<PolicyPublished> replyTo) implements Command {}

    /**
     * Update the policy from {@code rollout} (read only; the discriminator update reads it
     * concurrently) with D's {@code styleRewards} for it.
     */
    public record Update(long iteration, Rollout rollout, float[] styleRewards, ActorRef<PolicyUpdated> replyTo)
            implements Command {}

    /** Encode the policy's section of the learner state. */
    public record SaveState(ActorRef<StateSaved> replyTo) implements Command {}

    public record PolicyPublished(long iteration, String digest, int bytes, double millis) {}

    /** {@code combinedRewards}: the per-step rewards PPO optimised (handed over: never written again here). */
    public record PolicyUpdated(long iteration, String digest, PpoStats stats, float[] combinedRewards, double millis) {}

    /** The policy section of the learner state ({@link LearnerState#encodePolicy}). */
    public record StateSaved(byte[] section) {}

    /**
     * {@code policyStream}: the policy stream as the learner publishes it (its channel and stream id);
     * {@code runId} goes into every θ batch.
     */
    public static Behavior<Command> create(PpoLearner ppo, Aeron aeron, TransportSettings policyStream, long runId) {
        return Behaviors.setup(ctx -> new PpoLearnerActor(ctx, ppo,
                new TensorPublisher(aeron, policyStream, policyStream.policyStreamId()), runId));
    }

    private final PpoLearner ppo;
    private final TensorPublisher publisher;
    private final long runId;
    private UnsafeBuffer out = new UnsafeBuffer(new byte[0]);

    private PpoLearnerActor(ActorContext<Command> ctx, PpoLearner ppo, TensorPublisher publisher, long runId) {
        super(ctx);
        this.ppo = ppo;
        this.publisher = publisher;
        this.runId = runId;
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
        float[] snapshot = ppo.policySnapshot();
        int length = PolicyStream.encodedLength(snapshot);
        if (out.capacity() < length) {
            out = new UnsafeBuffer(BufferUtil.allocateDirectAligned(WireFormat.align(length), WireFormat.DATA_ALIGNMENT));
        }
        int encoded = PolicyStream.encode(snapshot, runId, p.iteration(), out);
        publisher.publish(out, 0, encoded);
        p.replyTo().tell(new PolicyPublished(p.iteration(), ppo.digest(), encoded, (System.nanoTime() - t0) / 1e6));
        return this;
    }

    private Behavior<Command> onUpdate(Update u) {
        long t0 = System.nanoTime();
        float[] rewards = ppo.rewards(u.rollout(), u.styleRewards());
        PpoStats stats = ppo.updateWithRewards(u.rollout(), rewards);
        u.replyTo().tell(new PolicyUpdated(u.iteration(), ppo.digest(), stats, rewards, (System.nanoTime() - t0) / 1e6));
        return this;
    }

    private Behavior<Command> onSave(SaveState s) {
        s.replyTo().tell(new StateSaved(LearnerState.encodePolicy(ppo)));
        return this;
    }
}
