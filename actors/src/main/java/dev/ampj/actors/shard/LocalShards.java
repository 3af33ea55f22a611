package dev.ampj.actors.shard;

import dev.ampj.actors.config.PipelineContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * One-host shards: children of the coordinator, each on its own thread (a pinned dispatcher), since
 * a rollout blocks its thread for the whole horizon; watched so a shard that exhausts its restarts
 * fails the iteration instead of hanging it.
 */
public final class LocalShards implements ShardDirectory {

    /** Dispatcher giving every shard its own thread (actors' reference.conf). */
    public static final String DISPATCHER = "amp.actors.pinned-dispatcher";

    @Override
    public Shards start(ActorContext<?> ctx, PipelineContext pipeline, ActorRef<SimShard.ShardReady> coordinator,
            ActorRef<ShardsMoving> moving) {
        List<ActorRef<SimShard.Command>> refs = new ArrayList<>();
        for (int s = 0; s < pipeline.layout().shards(); s++) {
            ActorRef<SimShard.Command> ref = ctx.spawn(SimShard.create(pipeline, s, coordinator), "shard-" + s,
                    DispatcherSelector.fromConfig(DISPATCHER));
            ctx.watch(ref);
            refs.add(ref);
        }
        return (shard, command) -> refs.get(shard).tell(command);
    }
}
