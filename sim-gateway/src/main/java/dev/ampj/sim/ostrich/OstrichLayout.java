package dev.ampj.sim.ostrich;

import dev.ampj.sim.terms.FrameLayout;
import java.util.List;

/**
 * Names and default pose of the "ostrich" biped (seed 001): a torso and two legs of thigh, shin and
 * foot, with a pitch hinge at hip, knee and ankle. Joint angles are rotations of the child about
 * +y (the lateral axis) relative to the parent: positive hip swings the leg back, positive knee
 * folds the shin back, positive ankle tilts the toe down.
 */
public final class OstrichLayout {

    public static final String ROBOT = "ostrich";

    /** Bodies in frame order; body 0 (torso) is the root. */
    public static final List<String> BODIES = List.of(
            "torso", "left_thigh", "left_shin", "left_foot", "right_thigh", "right_shin", "right_foot");

    /** Actuated joints in action / observation order. */
    public static final List<String> JOINTS = List.of(
            "left_hip", "left_knee", "left_ankle", "right_hip", "right_knee", "right_ankle");

    /** Default (standing, knees slightly bent, feet flat) joint positions in rad. */
    public static final double[] DEFAULT_JOINT_POS = {-0.25, 0.5, -0.25, -0.25, 0.5, -0.25};

    /** The layout every ostrich kinematic frame (env or reference motion) uses. */
    public static final FrameLayout LAYOUT = new FrameLayout(ROBOT, JOINTS, BODIES, DEFAULT_JOINT_POS);

    /** Default key bodies for body terms. */
    public static final List<String> KEY_BODIES = List.of("left_foot", "right_foot");

    private OstrichLayout() {}
}
