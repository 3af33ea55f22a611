package dev.ampj.actors.telemetry;

import dev.ampj.actors.config.ShardLayout;
import dev.ampj.actors.wire.RolloutBuffer;
import dev.ampj.storage.telemetry.TelemetryBatch;
import dev.ampj.storage.telemetry.TelemetryWriter;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Writes the per-env per-step probe records of each iteration (task reward, discriminator score,
 * style reward, combined reward, episode id, done, AMP state) to the run's telemetry queue, one document per
 * (step, shard), after the iteration's rewards are known. The coordinator hands each rollout over
 * in its {@link Record} once the iteration is done and no other actor holds it; this actor drops it
 * after writing. Runs off the iteration's critical path: the next iteration does not wait for it.
 */
public final class TelemetryWriterActor extends AbstractBehavior<TelemetryWriterActor.Command> {

    /** Messages the TelemetryWriterActor accepts. */
    public sealed interface Command {}

    /**
     * Record {@code rollout} (of {@code iteration}, with its style, score and combined reward columns
     * set), whose first step is global step {@code startStep}.
     */
    public record Record(long iteration, long startStep, RolloutBuffer rollout) implements Command {}

    /** Replies once every earlier {@link Record} is written (before a shutdown). */
    public record Flush(ActorRef<Done> replyTo) implements Command {}

    /**
     * {@code queue} opens the run's telemetry queue; it is called on the actor's own thread, which must
     * be a pinned one: Chronicle appenders are confined to the thread that uses them first.
     */
    public static Behavior<Command> create(Supplier<TelemetryWriter> queue, ShardLayout layout) {
        return Behaviors.setup(ctx -> new TelemetryWriterActor(ctx, queue.get(), layout));
    }

    private final TelemetryWriter queue;
    private final ShardLayout layout;

    private TelemetryWriterActor(ActorContext<Command> ctx, TelemetryWriter queue, ShardLayout layout) {
        super(ctx);
        this.queue = queue;
        this.layout = layout;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Record.class, this::onRecord)
                .onMessage(Flush.class, f -> {
                    f.replyTo().tell(Done.getInstance());
                    return this;
                })
                .onSignal(PostStop.class, s -> {
                    queue.close();
                    return this;
                })
                .build();
    }

    private Behavior<Command> onRecord(Record r) {
        RolloutBuffer b = r.rollout();
        int n = b.numEnvs();
        float[] task = b.rollout().taskRewards();
        float[] style = b.styleRewards();
        float[] logits = b.discriminatorScores();
        float[] combined = b.combinedRewards();
        float[] dones = b.rollout().dones();
        float[] timeouts = b.rollout().timeouts();
        float[] ampObs = b.rollout().ampObs();
        int ampDim = ampObs.length / (b.horizon() * n);
        for (int t = 0; t < b.horizon(); t++) {
            for (int s = 0; s < layout.shards(); s++) {
                int first = layout.first(s);
                int count = layout.count(s);
                int[] ids = new int[count];
                long[] episodes = new long[count];
                float[] taskR = new float[count];
                float[] score = new float[count];
                float[] styleR = new float[count];
                float[] comb = new float[count];
                boolean[] done = new boolean[count];
                float[] amp = new float[count * ampDim];
                for (int e = 0; e < count; e++) {
                    int row = t * n + first + e;
                    ids[e] = first + e;
                    episodes[e] = b.episodeIds()[row];
                    taskR[e] = task[row];
                    score[e] = logits[row];
                    styleR[e] = style[row];
                    comb[e] = combined[row];
                    done[e] = dones[row] != 0f || timeouts[row] != 0f;
                    System.arraycopy(ampObs, row * ampDim, amp, e * ampDim, ampDim);
                }
                queue.append(new TelemetryBatch(r.iteration(), r.startStep() + t, s, ids, episodes, taskR, score, styleR,
                        comb, done, ampDim, amp));
            }
        }
        return this;
    }
}
