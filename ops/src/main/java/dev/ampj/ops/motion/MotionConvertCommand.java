package dev.ampj.ops.motion;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Convert a reference motion file to another format. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "convert", mixinStandardHelpOptions = true, description = "Convert a reference motion file to another format. (not implemented yet)")
public final class MotionConvertCommand extends NotBuiltCommand {}
