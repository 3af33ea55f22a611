package dev.ampj.ops;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Train the default robot (ostrich) on its reference gaits. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the default robot (ostrich) on its reference gaits. (not implemented yet)")
public final class TrainCommand extends NotBuiltCommand {}
