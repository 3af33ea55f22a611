package dev.ampj.actors.api;

import dev.ampj.actors.config.StreamChannels;
import dev.ampj.actors.guardian.Guardian;
import dev.ampj.actors.shard.ShardDirectory;
import dev.ampj.actors.transport.TransportSettings;
import io.aeron.Aeron;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Scheduler;

/**
 * A long-lived home for run pipelines: a cluster node's actor system, Aeron client and shard
 * placement (dev.ampj.actors.cluster.LearnerNode). Without one, a run builds its own actor system
 * and media driver and places its shards as local children ({@link TrainingSystem}).
 */
public interface PipelineHost {

    /** This node's Aeron client (its embedded media driver outlives the runs). */
    Aeron aeron();

    /** The learner's side of the tensor streams for a run with these transport settings. */
    StreamChannels learnerChannels(TransportSettings runTransport);

    /**
     * Where the run's shards go; {@code configHocon} is the run's configuration, sent to the nodes that
     * build shards, with the learner's engine/library versions and native settings, which a node that
     * would compute other bits must match ({@link RunVersions}).
     */
    ShardDirectory shards(String configHocon, StreamChannels learnerChannels, java.util.Map<String, String> versions,
            java.util.Map<String, String> threads);

    /** Spawns the run's guardian in this node's actor system. */
    ActorRef<Guardian.Command> spawn(Behavior<Guardian.Command> guardian, String name);

    Scheduler scheduler();
}
