package dev.ampj.sim.task;

import dev.ampj.common.CounterRandom;
import dev.ampj.common.RandomStream;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichKinematics;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * Reset sampling of the velocity task (Isaac Lab's reset events): an episode's command, and its
 * initial state, a reference state for {@code amp.sim.init.reference-state-init} of the resets and
 * the randomised default pose otherwise. Every draw comes from streams keyed by (seed, purpose,
 * env, episode). One per env (its kinematics scratch is not shared).
 */
final class EpisodeReset {

    /** Random stream purposes (part of the determinism contract: renaming one changes every run). */
    static final String RESET = "sim.reset";
    static final String COMMAND = "sim.command";
    static final String REFERENCE_STATE = "sim.reference-state";

    /** Clearance between the lowest foot corner and the ground at a reset (m). */
    static final double RESET_CLEARANCE = 0.001;
    private static final KinematicFrame[] NO_FRAMES = new KinematicFrame[0];

    private final long seed;
    private final SimSettings s;
    private final ReferenceStateSampler sampler;
    private final OstrichKinematics kinematics = new OstrichKinematics();

    /** {@code sampler} may be null when reference-state-init is 0. */
    EpisodeReset(long seed, SimSettings settings, ReferenceStateSampler sampler) {
        this.seed = seed;
        this.s = settings;
        this.sampler = sampler;
    }

    /**
     * Commanded forward speed of the episode {@code envAndEpisode} (m/s): uniform in the configured
     * range; with {@code reference-command}, an episode that starts from a reference state is
     * commanded that state's forward speed (clamped to the range), so the speed a gait is asked for
     * is the speed the reference shows it at.
     */
    double command(long[] envAndEpisode, KinematicFrame initial, boolean fromReference) {
        SimSettings.Command c = s.command();
        if (fromReference && s.init().referenceCommand()) {
            return Math.max(c.linVelXMin(), Math.min(c.linVelXMax(), initial.rootLinVel[0]));
        }
        return c.linVelXMin() + (c.linVelXMax() - c.linVelXMin())
                * CounterRandom.uniform(CounterRandom.key(seed, COMMAND, envAndEpisode), 0);
    }

    /** The episode's initial state into {@code frame} (root, joints and bodies, feet just above ground); true if a reference state. */
    boolean initialState(long[] envAndEpisode, KinematicFrame frame) {
        return initialState(envAndEpisode, frame, NO_FRAMES);
    }

    /**
     * As above; a reference start also fills {@code before} with the reference's states before it
     * ({@link ReferenceStateSampler#sample(RandomStream, KinematicFrame, KinematicFrame[])}), a
     * default-pose start leaves it untouched.
     */
    boolean initialState(long[] envAndEpisode, KinematicFrame frame, KinematicFrame[] before) {
        long key = CounterRandom.key(seed, RESET, envAndEpisode);
        double rsi = s.init().referenceStateInit();
        if (sampler != null && rsi > 0 && CounterRandom.uniform(key, 0) < rsi) {
            referenceState(envAndEpisode, frame, before);
            return true;
        }
        defaultPose(key, frame);
        return false;
    }

    private void defaultPose(long key, KinematicFrame frame) {
        SimSettings.Init init = s.init();
        for (int j = 0; j < 6; j++) {
            double qj = OstrichLayout.DEFAULT_JOINT_POS[j]
                    + init.jointPosNoise() * (2 * CounterRandom.uniform(key, 1 + j) - 1);
            frame.jointPos[j] = Math.max(OstrichGeometry.JOINT_LO[j], Math.min(OstrichGeometry.JOINT_HI[j], qj));
            frame.jointVel[j] = init.jointVelNoise() * (2 * CounterRandom.uniform(key, 7 + j) - 1);
        }
        frame.rootPos[0] = 0;
        frame.rootPos[1] = 0;
        frame.rootPos[2] = 0;
        frame.rootQuat[0] = 1;
        frame.rootQuat[1] = 0;
        frame.rootQuat[2] = 0;
        frame.rootQuat[3] = 0;
        frame.rootLinVel[0] = init.rootLinVelNoise() * (2 * CounterRandom.uniform(key, 13) - 1);
        frame.rootLinVel[1] = 0;
        frame.rootLinVel[2] = init.rootLinVelNoise() * (2 * CounterRandom.uniform(key, 14) - 1);
        frame.rootAngVel[0] = 0;
        frame.rootAngVel[1] = 0;
        frame.rootAngVel[2] = 0;
        kinematics.forward(frame);
        OstrichKinematics.lift(frame, RESET_CLEARANCE - kinematics.lowestFootZ(frame));
    }

    private void referenceState(long[] envAndEpisode, KinematicFrame frame, KinematicFrame[] before) {
        sampler.sample(new RandomStream(CounterRandom.key(seed, REFERENCE_STATE, envAndEpisode), 0), frame, before);
        double x0 = frame.rootPos[0], y0 = frame.rootPos[1], z0 = frame.rootPos[2];
        frame.rootPos[0] = 0;
        if (s.planar()) {
            frame.rootPos[1] = 0;
        }
        if (!frame.isFinite()) {
            throw new IllegalStateException("reference state sampler gave a non-finite state for env "
                    + envAndEpisode[0] + " episode " + envAndEpisode[1] + ": " + frame);
        }
        kinematics.forward(frame);
        double low = kinematics.lowestFootZ(frame);
        if (low < RESET_CLEARANCE) {
            OstrichKinematics.lift(frame, RESET_CLEARANCE - low);
        }
        // the states before it move with it: the same shift to the env's origin, the same lift
        for (KinematicFrame f : before) {
            if (!f.isFinite()) {
                throw new IllegalStateException("reference state sampler gave a non-finite earlier state for env "
                        + envAndEpisode[0] + " episode " + envAndEpisode[1] + ": " + f);
            }
            f.rootPos[0] += frame.rootPos[0] - x0;
            f.rootPos[1] += frame.rootPos[1] - y0;
            kinematics.forward(f);
            OstrichKinematics.lift(f, frame.rootPos[2] - z0);
        }
    }
}
