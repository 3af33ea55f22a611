package dev.ampj.sim.task;

import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * What the velocity task's reward and observation terms read of one env: its kinematic frame and
 * robot, the episode's command, and the actions. The env keeps it current as it steps; the terms
 * only read it.
 */
final class TaskContext {

    final KinematicFrame frame;
    final OstrichRobot robot;
    /** The clipped actions of the current step. */
    final double[] action = new double[6];
    /** The previous step's actions as observed (floats); zero at an episode's start. */
    final float[] lastAction = new float[6];
    /** Commanded forward speed of the episode (m/s). */
    double command;
    /** Whether the current step ended the episode by a failure termination. */
    boolean failed;

    TaskContext(KinematicFrame frame, OstrichRobot robot) {
        this.frame = frame;
        this.robot = robot;
    }
}
