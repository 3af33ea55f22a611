package dev.ampj.sim.task;

import dev.ampj.sim.env.BatchMember;
import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.robot.EngineId;

/** Builds VecEnvs of the ostrich velocity task over a block of global env ids. */
public final class VelocityTaskVecEnvs {

    /** Name under which runs record {@link #REVISION}. */
    public static final String TASK = "ostrich-velocity-task";
    /**
     * Revision of the task's behaviour (observations, rewards, resets, terminations). Bump it with
     * every intended change of trajectories (the golden hashes of {@code VecEnvDeterminismTest}
     * change): runs record it, and resume and replay refuse another instead of diverging later.
     * 1: the first observation after a reset still showed the previous episode's foot contacts.
     * 2: it shows the new state's.
     */
    public static final String REVISION = "2";

    private VelocityTaskVecEnvs() {}

    /** The spec every VecEnv built from {@code settings} has. */
    public static VecEnvSpec spec(SimSettings settings) {
        return spec(settings, GaitCondition.none());
    }

    /** The spec of envs built with {@code condition} ({@link GaitCondition#none()} when it is off). */
    public static VecEnvSpec spec(SimSettings settings, GaitCondition condition) {
        return spec(settings, new TaskObservations(settings.observations(), condition));
    }

    /**
     * A VecEnv without reference motion (physics benchmarks, tests): every reset starts from the
     * randomised default pose, whatever {@code amp.sim.init.reference-state-init} says.
     */
    public static BatchVecEnv create(SimSettings settings, long seed, int[] envIds) {
        return create(settings.withoutReferenceStates(), seed, envIds, null);
    }

    /**
     * A VecEnv over {@code envIds} (global ids, in batch order) drawing its randomness from
     * {@code seed}; {@code sampler} (may be null) gives reference states for the configured
     * fraction of resets.
     */
    public static BatchVecEnv create(SimSettings settings, long seed, int[] envIds, ReferenceStateSampler sampler) {
        return create(settings, seed, envIds, sampler, GaitCondition.none());
    }

    /**
     * As {@link #create(SimSettings, long, int[], ReferenceStateSampler)}, the AMP rows carrying
     * {@code condition} (required when {@code amp.sim.observations.amp-gait-condition} is on).
     */
    public static BatchVecEnv create(SimSettings settings, long seed, int[] envIds, ReferenceStateSampler sampler,
            GaitCondition condition) {
        int[] ids = EnvIds.checked(envIds);
        if (settings.init().referenceStateInit() > 0 && sampler == null) {
            throw new IllegalArgumentException("amp.sim.init.reference-state-init = " + settings.init().referenceStateInit()
                    + " needs a reference motion (a ReferenceStateSampler); set it to 0 or give a motion");
        }
        TaskObservations obs = new TaskObservations(settings.observations(), condition);
        RewardManager rewards = RewardManager.of(settings.rewards());
        DomainRandomization randomization = new DomainRandomization(settings, seed);
        BatchMember[] members = new BatchMember[ids.length];
        try {
            for (int i = 0; i < ids.length; i++) {
                members[i] = new VelocityTaskEnv(ids[i], seed, settings, obs, rewards, randomization, sampler);
            }
        } catch (RuntimeException e) {
            for (BatchMember m : members) {
                if (m != null) {
                    m.close();
                }
            }
            throw e;
        }
        EngineId engine = OstrichRobot.engineOf(settings);
        return new BatchVecEnv(spec(settings, obs), members, settings.threads(), engine.name(), engine.version(), seed);
    }

    /**
     * The spec of the velocity task over {@code settings} simulated by {@code engine} (an external
     * simulator: {@code amp.sim.engine = external}); every group, term and timing as embedded, the AMP
     * rows single frames (the simulator writes them).
     */
    public static VecEnvSpec spec(SimSettings settings, String engine) {
        if (settings.observations().ampHistoryLength() != 1) {
            throw new IllegalArgumentException("amp.sim.observations.amp-history-length = " + settings.observations().ampHistoryLength()
                    + ": an external simulator writes single-frame AMP rows; set it to 1 (auto does with amp.sim.engine = external)");
        }
        TaskObservations obs = observations(settings);
        return new VecEnvSpec(settings.robot(), engine, 6, obs.policy, obs.critic, obs.ampSpec,
                RewardManager.of(settings.rewards()).names(), settings.controlDt(), settings.maxEpisodeSteps(), settings.digest());
    }

    private static TaskObservations observations(SimSettings settings) {
        return new TaskObservations(settings.observations());
    }

    private static VecEnvSpec spec(SimSettings s, TaskObservations obs) {
        return new VecEnvSpec(s.robot(), OstrichRobot.engineOf(s).describe(), 6, obs.policy, obs.critic, obs.ampSpec,
                RewardManager.of(s.rewards()).names(), s.controlDt(), s.maxEpisodeSteps(), s.digest());
    }

    /** Convenience for one shard: envs {@code first .. first + count - 1}. */
    public static VecEnv range(SimSettings settings, long seed, int first, int count) {
        return create(settings, seed, EnvIds.range(first, count));
    }
}
