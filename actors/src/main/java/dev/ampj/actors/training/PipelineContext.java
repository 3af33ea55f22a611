package dev.ampj.actors.training;

import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import io.aeron.Aeron;

/**
 * What every actor of one run's pipeline shares: its settings, the env factory, the learner's
 * dimensions, the Aeron client of this node and the rollouts by iteration.
 *
 * @param run       run name
 * @param runId     the run's 64-bit wire id (every tensor batch carries it)
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
        RolloutBuffers rollouts) {

    public static LearnerDims dimsOf(dev.ampj.sim.env.VecEnvSpec spec) {
        return new LearnerDims(spec.policyDim(), spec.criticDim(), spec.actionDim(), spec.ampDim());
    }
}
