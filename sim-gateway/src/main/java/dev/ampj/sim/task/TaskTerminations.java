package dev.ampj.sim.task;

import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * How an episode of the velocity task ends: a diverged simulation (NaN or runaway speed), a failure
 * (torso below {@code min-torso-height}, Isaac Lab's base_height; torso tilted beyond
 * {@code max-torso-pitch}, bad_orientation) or a timeout after {@code max-episode-steps}. Stateless.
 */
final class TaskTerminations {

    /** A body faster than this (m/s, rad/s) is a diverged simulation, treated like a NaN state. */
    static final double MAX_LIN_SPEED = 100;
    static final double MAX_ANG_SPEED = 400;

    private final double minTorsoHeight;
    private final double cosMaxTilt;
    private final int maxSteps;

    TaskTerminations(SimSettings s) {
        this.minTorsoHeight = s.terminations().minTorsoHeight();
        this.cosMaxTilt = Math.cos(s.terminations().maxTorsoPitch());
        this.maxSteps = s.maxEpisodeSteps();
    }

    int maxSteps() {
        return maxSteps;
    }

    /** A non-finite state or a body faster than {@link #MAX_LIN_SPEED} / {@link #MAX_ANG_SPEED}. */
    boolean diverged(KinematicFrame frame) {
        if (!frame.isFinite()) {
            return true;
        }
        for (int i = 0; i < frame.bodyLinVel.length / 3; i++) {
            double vx = frame.bodyLinVel[3 * i], vy = frame.bodyLinVel[3 * i + 1], vz = frame.bodyLinVel[3 * i + 2];
            double wx = frame.bodyAngVel[3 * i], wy = frame.bodyAngVel[3 * i + 1], wz = frame.bodyAngVel[3 * i + 2];
            if (vx * vx + vy * vy + vz * vz > MAX_LIN_SPEED * MAX_LIN_SPEED
                    || wx * wx + wy * wy + wz * wz > MAX_ANG_SPEED * MAX_ANG_SPEED) {
                return true;
            }
        }
        return false;
    }

    /** Torso too low, or tilted so that its up axis' z (row 2, 2 of its rotation) is below cos(max pitch). */
    boolean failed(KinematicFrame frame) {
        double[] q = frame.rootQuat;
        double x = q[1], y = q[2];
        double r22 = 1 - 2 * (x * x + y * y);
        return frame.rootPos[2] < minTorsoHeight || r22 < cosMaxTilt;
    }

    /** The episode's last step, unless it failed (a failure is not bootstrapped, a timeout is). */
    boolean timedOut(boolean failed, int episodeStep) {
        return !failed && episodeStep >= maxSteps;
    }
}
