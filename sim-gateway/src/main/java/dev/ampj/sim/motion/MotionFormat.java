package dev.ampj.sim.motion;

import java.util.Locale;

/** The reference motion formats this library reads, each with the quaternion order it declares. */
public enum MotionFormat {
    /** Isaac Lab / BeyondAMP motion .npz: dof_names, body_names, dof_*, body_*, fps. Quaternions wxyz. */
    ISAACLAB("Isaac Lab / BeyondAMP motion .npz", QuatOrder.WXYZ),
    /** BeyondMimic motion .npz: joint_pos, joint_vel, body_pos_w, body_quat_w, body_*_vel_w, fps. Quaternions wxyz. */
    BEYONDMIMIC("BeyondMimic motion .npz", QuatOrder.WXYZ),
    /** Seed 001: amp_states [T, D] in AMP observation form, optional dt. */
    AMP_STATES("amp_states .npz (seed 001)", null),
    /** Seed 002: states / next_states [N, D], pairs already formed. */
    STATE_PAIRS("states/next_states .npz (seed 002)", null),
    /** amp-rsl-rl: a pickled dict in an .npy (joints_list, joint_positions, root_position, root_quaternion xyzw, fps). */
    AMP_RSL_RL("amp-rsl-rl pickled-dict .npy", QuatOrder.XYZW);

    private final String description;
    private final QuatOrder declaredQuatOrder;

    MotionFormat(String description, QuatOrder declaredQuatOrder) {
        this.description = description;
        this.declaredQuatOrder = declaredQuatOrder;
    }

    public String description() {
        return description;
    }

    /** The order the format's specification declares; null for formats without quaternions. */
    public QuatOrder declaredQuatOrder() {
        return declaredQuatOrder;
    }

    /** The name used on the command line and in JSON ("isaaclab", "amp_states", ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MotionFormat parse(String s) {
        for (MotionFormat f : values()) {
            if (f.id().equals(s.trim().toLowerCase(Locale.ROOT).replace('-', '_'))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown motion format '" + s + "' (known: isaaclab, beyondmimic, amp_states, state_pairs, amp_rsl_rl)");
    }
}
