package dev.ampj.ops.cluster;

import dev.ampj.actors.testenv.PointMassComponents;
import dev.ampj.ops.AmpCli;
import dev.ampj.ops.train.CommandSupport;

/** `amp` with the point-mass test envs: the child JVMs of the cluster process tests. */
public final class PointMassNodeMain {

    private PointMassNodeMain() {}

    public static void main(String[] args) {
        CommandSupport.useComponents(new PointMassComponents());
        AmpCli.main(args);
    }
}
