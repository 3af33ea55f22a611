package dev.ampj.sim.task;

import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.KinematicFrame;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One unweighted task reward term (names as in Isaac Lab's velocity task); {@link RewardManager}
 * weights and sums them. Stateless.
 */
sealed interface RewardTerm {

    String name();

    double compute(TaskContext c);

    /** exp(−(v_fwd − v_cmd)² / σ²), v_fwd along the torso's heading projected on the ground. */
    record TrackLinVelXExp(double inverseSigmaSq) implements RewardTerm {
        public String name() {
            return "track_lin_vel_x_exp";
        }

        public double compute(TaskContext c) {
            double err = forwardSpeed(c.frame) - c.command;
            return Math.exp(-err * err * inverseSigmaSq);
        }

        /** Forward speed along the torso's heading projected on the ground (m/s). */
        static double forwardSpeed(KinematicFrame frame) {
            double[] q = frame.rootQuat;
            double w = q[0], x = q[1], y = q[2], z = q[3];
            double fx = 1 - 2 * (y * y + z * z);
            double fy = 2 * (x * y + w * z);
            double n = Math.sqrt(fx * fx + fy * fy);
            if (n < 1e-6) {
                return frame.rootLinVel[0];
            }
            return (frame.rootLinVel[0] * fx + frame.rootLinVel[1] * fy) / n;
        }
    }

    /** 1 per step while not failed. */
    record IsAlive() implements RewardTerm {
        public String name() {
            return "is_alive";
        }

        public double compute(TaskContext c) {
            return c.failed ? 0 : 1;
        }
    }

    /** 1 − |projected gravity x, y|² (rows 2, 0 and 2, 1 of the torso's rotation). */
    record FlatOrientation() implements RewardTerm {
        public String name() {
            return "flat_orientation";
        }

        public double compute(TaskContext c) {
            double[] q = c.frame.rootQuat;
            double w = q[0], x = q[1], y = q[2], z = q[3];
            double r20 = 2 * (x * z - w * y);
            double r21 = 2 * (y * z + w * x);
            return 1 - (r20 * r20 + r21 * r21);
        }
    }

    /** |a_t − a_{t−1}|², a_{t−1} as observed (floats). */
    record ActionRateL2() implements RewardTerm {
        public String name() {
            return "action_rate_l2";
        }

        public double compute(TaskContext c) {
            double rate = 0;
            for (int j = 0; j < c.action.length; j++) {
                double d = c.action[j] - c.lastAction[j];
                rate += d * d;
            }
            return rate;
        }
    }

    /** Σ τ² (N m)², averaged over the substeps. */
    record JointTorquesL2() implements RewardTerm {
        public String name() {
            return "joint_torques_l2";
        }

        public double compute(TaskContext c) {
            return c.robot.meanTorqueSq();
        }
    }

    /** Mechanical power Σ |τ q̇| (W), averaged over the substeps. */
    record JointPower() implements RewardTerm {
        public String name() {
            return "joint_power";
        }

        public double compute(TaskContext c) {
            return c.robot.meanPower();
        }
    }

    /**
     * Isaac Lab's {@code joint_pos_limits}: Σ over joints of how far (rad) each is outside its soft
     * limits, the robot's joint ranges scaled by {@code factor} about their middles (Isaac Lab's
     * {@code soft_joint_pos_limit_factor}). The robot's limits are stiff springs
     * ({@link OstrichGeometry#LIMIT_STIFFNESS}) that the PD can push through: without this term
     * policies lock the stance knee past straight.
     */
    record JointPosLimits(double[] lower, double[] upper) implements RewardTerm {
        static JointPosLimits of(double factor) {
            return of(factor, SimSettings.Rewards.ALL_JOINTS);
        }

        /**
         * The term over the joints whose names fully match one of {@code patterns} (Isaac Lab's
         * {@code SceneEntityCfg(joint_names=...)}); a joint outside them never counts.
         */
        static JointPosLimits of(double factor, List<String> patterns) {
            List<String> names = OstrichLayout.JOINTS;
            double[] lo = new double[names.size()];
            double[] hi = new double[names.size()];
            boolean[] chosen = new boolean[names.size()];
            for (String pattern : patterns) {
                Pattern p = Pattern.compile(pattern);
                boolean any = false;
                for (int j = 0; j < names.size(); j++) {
                    if (p.matcher(names.get(j)).matches()) {
                        chosen[j] = any = true;
                    }
                }
                if (!any) {
                    throw new IllegalArgumentException("amp.sim.rewards.joint-pos-limits-joints: \"" + pattern
                            + "\" matches none of the robot's joints " + names);
                }
            }
            for (int j = 0; j < names.size(); j++) {
                if (!chosen[j]) {
                    lo[j] = Double.NEGATIVE_INFINITY;
                    hi[j] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double mid = 0.5 * (OstrichGeometry.JOINT_LO[j] + OstrichGeometry.JOINT_HI[j]);
                double half = 0.5 * (OstrichGeometry.JOINT_HI[j] - OstrichGeometry.JOINT_LO[j]) * factor;
                lo[j] = mid - half;
                hi[j] = mid + half;
            }
            return new JointPosLimits(lo, hi);
        }

        public String name() {
            return "joint_pos_limits";
        }

        public double compute(TaskContext c) {
            double out = 0;
            double[] q = c.frame.jointPos;
            for (int j = 0; j < q.length; j++) {
                out += Math.max(0, lower[j] - q[j]) + Math.max(0, q[j] - upper[j]);
            }
            return out;
        }
    }
}
