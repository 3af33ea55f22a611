package dev.ampj.actors.learn;

import dev.ampj.actors.config.PipelineContext;
import dev.ampj.actors.env.ExpertMotion;
import dev.ampj.actors.wire.RolloutBuffer;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.algo.DiscriminatorStats;
import dev.ampj.learner.algo.StyleRewardStats;
import dev.ampj.learner.storage.Rollout;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The AMP discriminator: scores the rollout's (s, s′) pairs with Dk into style rewards, tells the
 * coordinator (which then starts the PPO update), then trains D on policy pairs (replay buffer)
 * against expert pairs of the reference motion → Dk+1, concurrently with the PPO update. Owns the
 * expert motion sampler (its position is part of the checkpoint).
 */
public final class DiscriminatorTrainerActor extends AbstractBehavior<DiscriminatorTrainerActor.Command> {

    /** Messages the DiscriminatorTrainerActor accepts. */
    public sealed interface Command {}

    /**
     * Score the rollout of {@code iteration}, then update D; replies {@link StyleScored} (the style
     * rewards are in the buffer) then {@link DiscriminatorUpdated} to {@code replyTo}.
     */
    public record Train(long iteration, ActorRef<Result> replyTo) implements Command {}

    /** Replies of a {@link Train}. */
    public sealed interface Result {}

    public record StyleScored(long iteration, double meanStyleReward, double millis) implements Result {}

    public record DiscriminatorUpdated(long iteration, String digest, DiscriminatorStats stats, long expertPosition,
            double millis) implements Result {}

    public static Behavior<Command> create(PipelineContext pipeline, AmpLearner learner, ExpertMotion expert) {
        return Behaviors.setup(ctx -> new DiscriminatorTrainerActor(ctx, pipeline, learner, expert));
    }

    private final PipelineContext pipeline;
    private final AmpLearner learner;
    private final ExpertMotion expert;
    private float[] expertObs = new float[0];
    private float[] expertNextObs = new float[0];

    private DiscriminatorTrainerActor(ActorContext<Command> ctx, PipelineContext pipeline, AmpLearner learner, ExpertMotion expert) {
        super(ctx);
        this.pipeline = pipeline;
        this.learner = learner;
        this.expert = expert;
        if (expert.dim() != pipeline.dims().ampObs()) {
            throw new IllegalArgumentException("expert motion gives AMP states of " + expert.dim()
                    + " floats, the env's AMP observation has " + pipeline.dims().ampObs());
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Train.class, this::onTrain).build();
    }

    private Behavior<Command> onTrain(Train t) {
        RolloutBuffer buffer = pipeline.rollouts().get(t.iteration());
        Rollout r = buffer.rollout();
        long t0 = System.nanoTime();
        StyleRewardStats style = learner.discriminator().styleRewards(r.ampObs(), r.ampNextObs(), r.steps());
        buffer.setStyleRewards(style.rewards());
        buffer.setDiscriminatorScores(style.logits());
        long t1 = System.nanoTime();
        t.replyTo().tell(new StyleScored(t.iteration(), style.mean(), (t1 - t0) / 1e6));
        int pairs = learner.discriminator().expertPairsNeeded(r.steps());
        int floats = pairs * expert.dim();
        if (expertObs.length != floats) {
            expertObs = new float[floats];
            expertNextObs = new float[floats];
        }
        expert.sample(pairs, expertObs, expertNextObs);
        DiscriminatorStats stats = learner.discriminator().update(r.ampObs(), r.ampNextObs(), r.steps(), expertObs,
                expertNextObs, pairs);
        t.replyTo().tell(new DiscriminatorUpdated(t.iteration(), learner.discriminatorDigest(), stats, expert.position(),
                (System.nanoTime() - t1) / 1e6));
        return this;
    }
}
