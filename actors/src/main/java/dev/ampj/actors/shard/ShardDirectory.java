package dev.ampj.actors.shard;

import dev.ampj.actors.config.PipelineContext;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * How the coordinator reaches the SimShards: by shard index only, so one host (children of the
 * coordinator, {@link LocalShards}) and a cluster (shards on sim nodes, placed by
 * dev.ampj.actors.cluster.ClusterShards) are interchangeable.
 */
public interface ShardDirectory {

    /**
     * Told to the coordinator when {@code shards} are being re-created elsewhere (their node left or
     * the placement changed): each announces {@link SimShard.ShardReady} again once up, and needs its
     * iteration-start state.
     */
    record ShardsMoving(int[] shards) {}

    /** A started set of shards, addressed by index. */
    interface Shards {
        void tell(int shard, SimShard.Command command);

        /** The coordinator is between iterations: a placement change may move shards now. */
        default void boundary() {}

        /**
         * The coordinator has seen {@link ShardsMoving} for {@code shards}: commands for them sent
         * before this (without their iteration-start state) are stale and must be dropped.
         */
        default void movingSeen(int[] shards) {}
    }

    /**
     * Starts the run's shards; each tells {@code coordinator} {@link SimShard.ShardReady} when up
     * (and again after a restart). A shard that stops for good must make {@code ctx} see a
     * {@code Terminated} signal (watch it). A directory that re-places shards tells {@code moving}.
     */
    Shards start(ActorContext<?> ctx, PipelineContext pipeline, ActorRef<SimShard.ShardReady> coordinator,
            ActorRef<ShardsMoving> moving);
}
