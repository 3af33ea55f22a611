package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.QuatOrder;
import java.util.List;

/**
 * How files are interpreted where the file itself cannot say.
 *
 * @param quatOrder          null: each format's declared order; otherwise forced for every file ({@code quat-order})
 * @param quatNormTolerance  largest accepted | |q| − 1 | before a quaternion is an error ({@code quat-norm-tolerance})
 * @param dofNames           joint names for files that carry none (BeyondMimic); empty when not given
 * @param bodyNames          body names for files that carry none; empty when not given
 */
public record MotionReadOptions(QuatOrder quatOrder, double quatNormTolerance, List<String> dofNames, List<String> bodyNames) {

    public static final double DEFAULT_QUAT_NORM_TOLERANCE = 1e-2;

    public MotionReadOptions {
        if (!(quatNormTolerance > 0) || quatNormTolerance >= 1) {
            throw new IllegalArgumentException("quat-norm-tolerance must be in (0, 1), got " + quatNormTolerance);
        }
        dofNames = List.copyOf(dofNames);
        bodyNames = List.copyOf(bodyNames);
    }

    public static MotionReadOptions defaults() {
        return new MotionReadOptions(null, DEFAULT_QUAT_NORM_TOLERANCE, List.of(), List.of());
    }

    public MotionReadOptions withQuatOrder(QuatOrder order) {
        return new MotionReadOptions(order, quatNormTolerance, dofNames, bodyNames);
    }

    public MotionReadOptions withNames(List<String> dofs, List<String> bodies) {
        return new MotionReadOptions(quatOrder, quatNormTolerance, dofs, bodies);
    }
}
