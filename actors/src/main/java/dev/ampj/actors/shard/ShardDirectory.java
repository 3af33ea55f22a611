package dev.ampj.actors.shard;

import dev.ampj.actors.training.PipelineContext;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * How the coordinator reaches the SimShards: by shard index only, so one host (children of the
 * coordinator, {@link LocalShards}) and a cluster (Cluster Sharding entities, entity id = shard
 * index) are interchangeable.
 */
public interface ShardDirectory {

    /** A started set of shards, addressed by index. */
    interface Shards {
        void tell(int shard, SimShard.Command command);
    }

    /**
     * Starts the run's shards; each tells {@code coordinator} {@link SimShard.ShardReady} when up
     * (and again after a restart). A shard that stops for good must make {@code ctx} see a
     * {@code Terminated} signal (watch it).
     */
    Shards start(ActorContext<?> ctx, PipelineContext pipeline, ActorRef<SimShard.ShardReady> coordinator);
}
