package dev.ampj.ops.motion;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Describe a reference motion file. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Describe a reference motion file. (not implemented yet)")
public final class MotionInspectCommand extends NotBuiltCommand {}
