package dev.ampj.ops;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Tail live per-environment AMP rewards of a training run. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "probe", mixinStandardHelpOptions = true, description = "Tail live per-environment AMP rewards of a training run. (not implemented yet)")
public final class ProbeCommand extends NotBuiltCommand {}
