package dev.ampj.ops.motion;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Record a reference gait from the embedded robot under a scripted controller. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "record", mixinStandardHelpOptions = true, description = "Record a reference gait from the embedded robot under a scripted controller. (not implemented yet)")
public final class MotionRecordCommand extends NotBuiltCommand {}
