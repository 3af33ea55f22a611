package dev.ampj.actors.config;

import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import io.aeron.Aeron;

/**
 * What one run's pipeline is built from on a node: immutable settings, the env factory, the
 * learner's dimensions and the node's Aeron client (thread-safe, each actor opens its own
 * publications and subscriptions on it). Nothing in it is mutable state: the composition root
 * hands each learner-side actor only its part; a SimShard takes the whole.
 *
 * @param run       run name
 * @param runId     the run's 64-bit wire id (every tensor batch carries it)
 * @param channels  the Aeron channel of each stream on this node
 */
public record PipelineContext(
        String run,
        long runId,
        TrainingSettings training,
        LearnerSettings learner,
        LearnerDims dims,
        EnvFactory envs,
        ShardLayout layout,
        Aeron aeron,
        TransportSettings transport,
        StreamChannels channels) {

    /** The one-host pipeline: both streams on the configured channel (aeron:ipc by default). */
    public PipelineContext(String run, long runId, TrainingSettings training, LearnerSettings learner, LearnerDims dims,
            EnvFactory envs, ShardLayout layout, Aeron aeron, TransportSettings transport) {
        this(run, runId, training, learner, dims, envs, layout, aeron, transport, StreamChannels.of(transport));
    }

    /** The transport of the policy stream as this node uses it (publication on the learner, subscription on a shard). */
    public TransportSettings policyTransport() {
        return transport.withChannel(channels.policy());
    }

    /** The transport of the trajectory stream as this node uses it (publication on a shard, subscription on the learner). */
    public TransportSettings trajectoryTransport() {
        return transport.withChannel(channels.trajectory());
    }

    public static LearnerDims dimsOf(dev.ampj.sim.env.VecEnvSpec spec) {
        return new LearnerDims(spec.policyDim(), spec.criticDim(), spec.actionDim(), spec.ampDim());
    }
}
