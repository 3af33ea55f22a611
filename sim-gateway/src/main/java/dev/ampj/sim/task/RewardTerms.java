package dev.ampj.sim.task;

import dev.ampj.sim.env.SimSettings;
import java.util.List;

/**
 * The velocity task's reward terms (names as in Isaac Lab's velocity task) and their weights.
 * Each term is computed unweighted by {@link VelocityTaskEnv}; the reward is Σ weight × term.
 */
final class RewardTerms {

    static final List<String> NAMES = List.of("track_lin_vel_x_exp", "is_alive", "flat_orientation",
            "action_rate_l2", "joint_torques_l2", "joint_power");
    static final int TRACK = 0;
    static final int ALIVE = 1;
    static final int UPRIGHT = 2;
    static final int ACTION_RATE = 3;
    static final int TORQUE = 4;
    static final int POWER = 5;

    final double[] weights;
    final double inverseSigmaSq;

    RewardTerms(SimSettings.Rewards r) {
        weights = new double[] {r.trackLinVelX(), r.alive(), r.upright(), r.actionRate(), r.jointTorque(), r.energy()};
        inverseSigmaSq = 1.0 / (r.trackingSigma() * r.trackingSigma());
    }
}
