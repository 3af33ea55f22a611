package dev.ampj.ops;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Fork a run at a committed iteration, optionally with config changes. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "fork", mixinStandardHelpOptions = true, description = "Fork a run at a committed iteration, optionally with config changes. (not implemented yet)")
public final class ForkCommand extends NotBuiltCommand {}
