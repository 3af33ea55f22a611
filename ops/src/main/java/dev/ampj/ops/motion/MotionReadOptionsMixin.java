package dev.ampj.ops.motion;

import dev.ampj.sim.motion.QuatOrder;
import dev.ampj.sim.motion.formats.MotionReadOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that say how to read a motion file where the file cannot say it itself. */
final class MotionReadOptionsMixin {

    @Option(names = "--quat-order", paramLabel = "ORDER", defaultValue = "auto",
            description = "Quaternion order of the file: auto (the format's own), wxyz or xyzw. Default: ${DEFAULT-VALUE}.")
    String quatOrder;

    @Option(names = "--dof-names", split = ",", paramLabel = "NAME",
            description = "Joint names, in file order, for files that carry none (BeyondMimic).")
    List<String> dofNames = new ArrayList<>();

    @Option(names = "--body-names", split = ",", paramLabel = "NAME",
            description = "Body names, in file order (root first), for files that carry none.")
    List<String> bodyNames = new ArrayList<>();

    MotionReadOptions toOptions() {
        QuatOrder q = quatOrder.equalsIgnoreCase("auto") ? null : QuatOrder.parse(quatOrder, "--quat-order");
        return MotionReadOptions.defaults().withQuatOrder(q).withNames(dofNames, bodyNames);
    }
}
