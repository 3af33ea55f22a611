package dev.ampj.actors.learn;

import dev.ampj.actors.env.ExpertMotion;
import dev.ampj.learner.algo.DiscriminatorStats;
import dev.ampj.learner.algo.DiscriminatorTrainer;
import dev.ampj.learner.algo.StyleRewardStats;
import dev.ampj.learner.state.LearnerState;
import dev.ampj.learner.storage.Rollout;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The AMP discriminator: scores the rollout's (s, s′) pairs with Dk into style rewards, replies them
 * to the coordinator (which then starts the PPO update), then trains D on policy pairs (replay buffer)
 * against expert pairs of the reference motion → Dk+1, concurrently with the PPO update. Owns D, its
 * optimiser, AMP normaliser and replay buffer ({@link DiscriminatorTrainer}, used by no other actor)
 * and the expert motion sampler (its position is part of the checkpoint).
 */
public final class DiscriminatorTrainerActor extends AbstractBehavior<DiscriminatorTrainerActor.Command> {

    /** Messages the DiscriminatorTrainerActor accepts. */
    public sealed interface Command {}

    /**
     * Score {@code rollout} (read only; the PPO update reads it concurrently), then update D; replies
     * {@link StyleScored} then {@link DiscriminatorUpdated} to {@code replyTo}.
     */
    public record Train(long iteration, Rollout rollout, ActorRef<Result> replyTo) implements Command {}

    /** Encode the discriminator's section of the learner state. */
    public record SaveState(ActorRef<StateSaved> replyTo) implements Command {}

    /** Replies of a {@link Train}. */
    public sealed interface Result {}

    /** Style rewards and the logits they came from, one per rollout step (handed over: never written again here). */
    public record StyleScored(long iteration, float[] rewards, float[] scores, double meanStyleReward, double millis)
            implements Result {}

    public record DiscriminatorUpdated(long iteration, String digest, DiscriminatorStats stats, long expertPosition,
            double millis) implements Result {}

    /** The discriminator section of the learner state ({@link LearnerState#encodeDiscriminator}). */
    public record StateSaved(byte[] section) {}

    /** {@code ampDim}: the env's AMP observation width, which the expert motion must give. */
    public static Behavior<Command> create(DiscriminatorTrainer discriminator, ExpertMotion expert, int ampDim) {
        return Behaviors.setup(ctx -> new DiscriminatorTrainerActor(ctx, discriminator, expert, ampDim));
    }

    private final DiscriminatorTrainer discriminator;
    private final ExpertMotion expert;
    private float[] expertObs = new float[0];
    private float[] expertNextObs = new float[0];

    private DiscriminatorTrainerActor(ActorContext<Command> ctx, DiscriminatorTrainer discriminator, ExpertMotion expert,
            int ampDim) {
        super(ctx);
        this.discriminator = discriminator;
        this.expert = expert;
        if (expert.dim() != ampDim) {
            throw new IllegalArgumentException("expert motion gives AMP states of " + expert.dim()
                    + " floats, the env's AMP observation has " + ampDim);
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Train.class, this::onTrain)
                .onMessage(SaveState.class, s -> {
                    s.replyTo().tell(new StateSaved(LearnerState.encodeDiscriminator(discriminator)));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onTrain(Train t) {
        Rollout r = t.rollout();
        long t0 = System.nanoTime();
        StyleRewardStats style = discriminator.styleRewards(r.ampObs(), r.ampNextObs(), r.steps());
        long t1 = System.nanoTime();
        t.replyTo().tell(new StyleScored(t.iteration(), style.rewards(), style.logits(), style.mean(), (t1 - t0) / 1e6));
        int pairs = discriminator.expertPairsNeeded(r.steps());
        int floats = pairs * expert.dim();
        if (expertObs.length != floats) {
            expertObs = new float[floats];
            expertNextObs = new float[floats];
        }
        expert.sample(pairs, expertObs, expertNextObs);
        DiscriminatorStats stats = discriminator.update(r.ampObs(), r.ampNextObs(), r.steps(), expertObs, expertNextObs, pairs);
        t.replyTo().tell(new DiscriminatorUpdated(t.iteration(), discriminator.digest(), stats, expert.position(),
                (System.nanoTime() - t1) / 1e6));
        return this;
    }
}
