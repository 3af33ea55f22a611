package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.KinematicFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewardManagerTest {

    /** An upright torso moving forward at {@code vx} (robot readouts are not read by these terms). */
    private static TaskContext upright(double vx) {
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        f.rootQuat[0] = 1;
        f.rootLinVel[0] = vx;
        return new TaskContext(f, null);
    }

    @Test
    void rewardIsTheWeightedSumOfTheTermsAndEachWeightedTermIsGiven() {
        RewardManager m = new RewardManager(List.of(new RewardTerm.TrackLinVelXExp(4), new RewardTerm.IsAlive(),
                new RewardTerm.FlatOrientation(), new RewardTerm.ActionRateL2()), new double[] {2, 0.5, 0.2, -0.01});
        TaskContext c = upright(1.0);
        c.command = 0.5;
        c.action[0] = 1;
        c.lastAction[0] = 0.5f;
        c.action[3] = -0.5;
        float[] perTerm = new float[1 + 4];
        float total = m.compute(c, perTerm, 1);
        // exp(-(1 - 0.5)² · 4) = e⁻¹; alive 1; flat 1; |Δa|² = 0.5² + 0.5²
        double[] expected = {2 * Math.exp(-1), 0.5, 0.2, -0.01 * 0.5};
        for (int k = 0; k < 4; k++) {
            assertEquals((float) expected[k], perTerm[1 + k], m.names().get(k));
        }
        assertEquals(0f, perTerm[0], "nothing written before the offset");
        assertEquals((float) (expected[0] + expected[1] + expected[2] + expected[3]), total);
    }

    @Test
    void failureZeroesIsAliveAndTiltLowersFlatOrientation() {
        RewardManager m = new RewardManager(List.of(new RewardTerm.IsAlive(), new RewardTerm.FlatOrientation()),
                new double[] {1, 1});
        TaskContext c = upright(0);
        double theta = 0.3;
        c.frame.rootQuat[0] = Math.cos(theta / 2);
        c.frame.rootQuat[1] = Math.sin(theta / 2);
        c.failed = true;
        float[] perTerm = new float[2];
        m.compute(c, perTerm, 0);
        assertEquals(0f, perTerm[0]);
        // 1 - |g_xy|² = 1 - sin²θ for a roll of θ
        assertEquals(Math.cos(theta) * Math.cos(theta), perTerm[1], 1e-6);
    }

    @Test
    void velocityTaskTermsAreNamedAndOrderedAsRunsLogThem() {
        assertEquals(List.of("track_lin_vel_x_exp", "is_alive", "flat_orientation", "action_rate_l2",
                "joint_torques_l2", "joint_power", "joint_pos_limits"), RewardManager.of(SimSettings.defaults().rewards()).names());
    }

    @Test
    void jointPosLimitsSumsHowFarEachJointIsPastItsLimitAndIsATermOnlyWhenWeighted() {
        TaskContext c = upright(0);
        c.frame.jointPos[1] = -0.25;  // left knee, 0.2 below its -0.05
        c.frame.jointPos[3] = 1.0;    // right hip, 0.2 above its 0.8
        c.frame.jointPos[2] = 0.85;   // left ankle inside [-0.9, 0.9]
        assertEquals(0.4, RewardTerm.JointPosLimits.of(1.0).compute(c), 1e-12);
        c.frame.jointPos[1] = 0.5;
        c.frame.jointPos[3] = -0.5;
        assertEquals(0.0, RewardTerm.JointPosLimits.of(1.0).compute(c));

        SimSettings.Rewards r = SimSettings.defaults().rewards();
        SimSettings.Rewards unweighted = new SimSettings.Rewards(r.trackLinVelX(), r.trackingSigma(), r.alive(), r.upright(),
                r.actionRate(), r.jointTorque(), r.energy(), 0.0, 1.0, SimSettings.Rewards.ALL_JOINTS);
        assertEquals(List.of("track_lin_vel_x_exp", "is_alive", "flat_orientation", "action_rate_l2",
                "joint_torques_l2", "joint_power"), RewardManager.of(unweighted).names(), "weight 0: not a term");
        RewardManager m = new RewardManager(List.of(RewardTerm.JointPosLimits.of(1.0)), new double[] {-2.0});
        c.frame.jointPos[4] = 2.5;    // right knee, 0.1 above its 2.4
        float[] perTerm = new float[1];
        assertEquals(-0.2f, m.compute(c, perTerm, 0), 1e-6f);
        // factor 0.9: the knee's soft range is 1.175 ± 0.9 × 1.225 = [0.0725, 2.2775]
        c.frame.jointPos[4] = 0.5;
        c.frame.jointPos[1] = 0.0;
        c.frame.jointPos[2] = 0.0;
        assertEquals(0.0725, RewardTerm.JointPosLimits.of(0.9).compute(c), 1e-12);
    }

    @Test
    void jointPosLimitsCountsOnlyTheJointsItsPatternsName() {
        TaskContext c = upright(0);
        c.frame.jointPos[1] = -0.25;  // left knee, 0.2 below its -0.05
        c.frame.jointPos[3] = 1.0;    // right hip, 0.2 above its 0.8
        c.frame.jointPos[5] = -1.0;   // right ankle, 0.1 below its -0.9
        assertEquals(0.2, RewardTerm.JointPosLimits.of(1.0, List.of(".*_knee")).compute(c), 1e-12);
        assertEquals(0.3, RewardTerm.JointPosLimits.of(1.0, List.of("right_.*")).compute(c), 1e-12);
        assertEquals(0.5, RewardTerm.JointPosLimits.of(1.0, List.of(".*")).compute(c), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RewardTerm.JointPosLimits.of(1.0, List.of(".*_knee", "knee")));
        assertTrue(e.getMessage().contains("joint-pos-limits-joints: \"knee\" matches none of the robot's joints"),
                e.getMessage());
        assertTrue(e.getMessage().contains("left_knee"), e.getMessage());
    }

    @Test
    void termsAndWeightsMustPair() {
        assertThrows(IllegalArgumentException.class,
                () -> new RewardManager(List.of(new RewardTerm.IsAlive()), new double[] {1, 2}));
    }
}
