package dev.ampj.sim.motion;

import java.util.List;

/**
 * The robot a reference motion must be mapped onto: its joint names in action order and the
 * bodies the AMP terms need, root first.
 */
public record MotionTarget(List<String> jointNames, List<String> bodyNames) {

    public MotionTarget {
        jointNames = List.copyOf(jointNames);
        bodyNames = List.copyOf(bodyNames);
        if (bodyNames.isEmpty()) {
            throw new IllegalArgumentException("a motion target needs at least its root body");
        }
    }

    public String rootBody() {
        return bodyNames.get(0);
    }
}
