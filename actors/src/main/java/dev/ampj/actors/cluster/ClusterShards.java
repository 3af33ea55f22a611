package dev.ampj.actors.cluster;

import dev.ampj.actors.config.PipelineContext;
import dev.ampj.actors.shard.ShardDirectory;
import dev.ampj.actors.shard.SimShard;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Shards on the cluster's sim nodes: a {@link ShardPlacement} child of the coordinator places them
 * and routes each command to the node that holds the shard. Watched: if the placement fails (no sim
 * node within the timeout) the coordinator fails the run.
 */
final class ClusterShards implements ShardDirectory {

    private final String config;
    private final java.util.Map<String, String> versions;
    private final java.util.Map<String, String> threads;
    private final String policyControl;
    private final String trajectoryEndpoint;
    private final Duration noSimTimeout;

    ClusterShards(String config, java.util.Map<String, String> versions, java.util.Map<String, String> threads,
            String policyControl, String trajectoryEndpoint, Duration noSimTimeout) {
        this.config = config;
        this.versions = versions;
        this.threads = threads;
        this.policyControl = policyControl;
        this.trajectoryEndpoint = trajectoryEndpoint;
        this.noSimTimeout = noSimTimeout;
    }

    @Override
    public Shards start(ActorContext<?> ctx, PipelineContext pipeline, ActorRef<SimShard.ShardReady> coordinator,
            ActorRef<ShardsMoving> moving) {
        ActorRef<ShardPlacement.Command> placement = ctx.spawn(ShardPlacement.create(new ShardPlacement.Run(pipeline.run(), config,
                versions, threads, pipeline.layout().shards(), policyControl, trajectoryEndpoint, noSimTimeout, coordinator, moving)), "shard-placement");
        ctx.watch(placement);
        return new Shards() {
            @Override
            public void tell(int shard, SimShard.Command command) {
                placement.tell(new ShardPlacement.Route(shard, (SimShard.Collect) command));
            }

            @Override
            public void movingSeen(int[] shards) {
                placement.tell(new ShardPlacement.MovingSeen(shards));
            }

            @Override
            public void boundary() {
                placement.tell(new ShardPlacement.Boundary());
            }
        };
    }
}
