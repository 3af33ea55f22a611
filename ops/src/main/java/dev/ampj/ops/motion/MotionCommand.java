package dev.ampj.ops.motion;

import picocli.CommandLine.Command;

/** {@code amp motion ...}: inspect, convert and record reference motion. */
@Command(
        name = "motion",
        mixinStandardHelpOptions = true,
        description = "Reference motion tools. Errors exit 2 with one line on stderr.",
        subcommands = {MotionInspectCommand.class, MotionConvertCommand.class, MotionRecordCommand.class})
public final class MotionCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
