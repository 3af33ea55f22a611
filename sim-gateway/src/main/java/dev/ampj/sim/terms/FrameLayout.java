package dev.ampj.sim.terms;

import java.util.Arrays;
import java.util.List;

/**
 * Names of what a {@link KinematicFrame} holds: the actuated joints and the rigid bodies of one
 * robot, in frame order, with the default joint positions that {@code joint_pos_rel} subtracts.
 * Body 0 is the root. Env and reference motions of the same robot share one layout.
 */
public record FrameLayout(String robot, List<String> jointNames, List<String> bodyNames, double[] defaultJointPos) {

    public FrameLayout {
        jointNames = List.copyOf(jointNames);
        bodyNames = List.copyOf(bodyNames);
        defaultJointPos = defaultJointPos.clone();
        if (bodyNames.isEmpty()) {
            throw new IllegalArgumentException("a frame layout needs at least the root body");
        }
        if (defaultJointPos.length != jointNames.size()) {
            throw new IllegalArgumentException("default joint positions: expected " + jointNames.size()
                    + " values, got " + defaultJointPos.length);
        }
    }

    public int numJoints() {
        return jointNames.size();
    }

    public int numBodies() {
        return bodyNames.size();
    }

    @Override
    public double[] defaultJointPos() {
        return defaultJointPos.clone();
    }

    double defaultJointPos(int joint) {
        return defaultJointPos[joint];
    }

    /** Index of body {@code name}; unknown names fail with the list of known bodies. */
    public int bodyIndex(String name) {
        int i = bodyNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown body '" + name + "' of robot " + robot
                    + "; known bodies: " + bodyNames);
        }
        return i;
    }

    /** Index of joint {@code name}; unknown names fail with the list of known joints. */
    public int jointIndex(String name) {
        int i = jointNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown joint '" + name + "' of robot " + robot
                    + "; known joints: " + jointNames);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameLayout l && robot.equals(l.robot) && jointNames.equals(l.jointNames)
                && bodyNames.equals(l.bodyNames) && Arrays.equals(defaultJointPos, l.defaultJointPos);
    }

    @Override
    public int hashCode() {
        return (robot.hashCode() * 31 + jointNames.hashCode()) * 31 + bodyNames.hashCode();
    }

    @Override
    public String toString() {
        return "FrameLayout[" + robot + ", joints=" + jointNames + ", bodies=" + bodyNames
                + ", default=" + Arrays.toString(defaultJointPos) + "]";
    }
}
