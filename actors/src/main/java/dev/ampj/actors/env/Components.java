package dev.ampj.actors.env;

import com.typesafe.config.Config;
import dev.ampj.actors.env.ReferencePairs;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * Where a run's envs and reference motion come from, given its resolved configuration: the default
 * robot and reference gaits in production, small deterministic envs in tests.
 */
public interface Components {

    EnvFactory envs(Config config);

    /** The expert AMP pair sampler over the reference motion, for envs of {@code spec}, seeded with the run seed. */
    ExpertMotion expert(Config config, VecEnvSpec spec, long seed);

    /** Pairs drawn by {@link #reference} when components cannot list their reference clip by clip. */
    int SAMPLED_REFERENCE_PAIRS = 20_000;

    /**
     * Every reference AMP pair, clip by clip in time order, for evaluation. This default draws
     * {@link #SAMPLED_REFERENCE_PAIRS} pairs from {@link #expert} as one clip (so its two halves are
     * two independent samples); components that hold clips list them exactly.
     */
    default ReferencePairs reference(Config config, VecEnvSpec spec, long seed) {
        ExpertMotion expert = expert(config, spec, seed);
        int n = SAMPLED_REFERENCE_PAIRS;
        float[] s = new float[n * expert.dim()];
        float[] next = new float[n * expert.dim()];
        expert.sample(n, s, next);
        java.util.List<String> joints = new java.util.ArrayList<>();
        ObsGroupSpec.Slice q = spec.amp().find("joint_pos");
        for (int j = 0; q != null && j < q.dim(); j++) {
            joints.add("joint_" + j);
        }
        return new ReferencePairs(expert.dim(), java.util.List.of(new ReferencePairs.Clip("sampled", s, next, n)), joints);
    }

    /**
     * {@link #reference} with every velocity of every clip computed from its positions by finite
     * differences at the control rate: the reference's motion as a simulated body moving through
     * exactly those poses would show it, without the within-step dynamics the recording carries.
     * Empty when the components' reference is not kinematic clips (then there are no positions to
     * differentiate).
     */
    default java.util.Optional<ReferencePairs> referenceWithDerivedVelocities(Config config, VecEnvSpec spec, long seed) {
        return java.util.Optional.empty();
    }

    /**
     * The reference motion as kinematic clips at the control rate (what {@code amp render} draws
     * beside the policy). Components without kinematic clips refuse, saying so.
     */
    default dev.ampj.sim.motion.MotionLibrary referenceMotion(Config config) {
        throw new IllegalArgumentException("this run's components hold no kinematic reference motion to show");
    }
}
