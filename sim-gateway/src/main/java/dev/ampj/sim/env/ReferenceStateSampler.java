package dev.ampj.sim.env;

import dev.ampj.common.RandomStream;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * Reference-state initialisation: draws a full kinematic state (root, joints and every body) from a
 * reference motion to start an episode from. Implemented by the motion library; the env calls it
 * on reset when configured and otherwise starts from a randomised default pose.
 *
 * <p>Draws must come only from {@code rng} (the env's own stream for this episode), so resets stay
 * deterministic per (seed, global env id, episode). Implementations must be safe to call from
 * several threads at once (they are read-only over the clips).
 */
public interface ReferenceStateSampler {

    /**
     * Fills {@code out} (layout of the env's robot) with a reference state drawn from {@code rng}.
     * The env shifts the root horizontally to its own origin and keeps heights, orientations and velocities.
     */
    void sample(RandomStream rng, KinematicFrame out);

    /**
     * As {@link #sample(RandomStream, KinematicFrame)} with the same draws, plus the states before it:
     * {@code before[i]} the one {@code i + 1} control steps earlier (HumanoidAMP fills a reference
     * start's AMP history so). By default each is the drawn state itself (a history reset).
     */
    default void sample(RandomStream rng, KinematicFrame out, KinematicFrame[] before) {
        sample(rng, out);
        for (KinematicFrame f : before) {
            f.copyFrom(out);
        }
    }
}
