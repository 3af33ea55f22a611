package dev.ampj.ops.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code amp cluster}: look at a training cluster. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Inspect a training cluster.",
        subcommands = {ClusterStatusCommand.class, CommandLine.HelpCommand.class})
public final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
