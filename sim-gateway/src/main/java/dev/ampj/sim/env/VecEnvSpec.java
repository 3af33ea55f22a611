package dev.ampj.sim.env;

import java.util.List;

/**
 * What a {@link VecEnv} produces and consumes, per env: observation group layouts, action width,
 * reward terms, timing, and the physics engine (name and version) whose trajectories it replays.
 *
 * @param robot           robot name (e.g. {@code ostrich})
 * @param engine          physics engine name and version (e.g. {@code ode4j 0.5.3}); part of any replay key
 * @param actionDim       floats per env action (joint target offsets before scaling)
 * @param policy          the {@code policy} group (actor input)
 * @param critic          the {@code critic} group (value input; may hold privileged terms)
 * @param amp             the {@code amp} group (discriminator input, the AMP state)
 * @param rewardTerms     names of the task reward terms in {@link StepBuffers#rewardTerms} order
 * @param controlDt       seconds per control step (sim dt × decimation)
 * @param maxEpisodeSteps control steps after which an episode times out
 * @param settingsDigest  SHA-256 of the settings the env was built from (snapshots refuse other settings)
 */
public record VecEnvSpec(
        String robot,
        String engine,
        int actionDim,
        ObsGroupSpec policy,
        ObsGroupSpec critic,
        ObsGroupSpec amp,
        List<String> rewardTerms,
        double controlDt,
        int maxEpisodeSteps,
        String settingsDigest) {

    public VecEnvSpec {
        rewardTerms = List.copyOf(rewardTerms);
    }

    public int policyDim() {
        return policy.dim();
    }

    public int criticDim() {
        return critic.dim();
    }

    public int ampDim() {
        return amp.dim();
    }
}
