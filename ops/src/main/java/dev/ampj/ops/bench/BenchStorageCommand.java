package dev.ampj.ops.bench;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Benchmark event-log appends, checkpoints and run open/seek. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "storage", mixinStandardHelpOptions = true, description = "Benchmark event-log appends, checkpoints and run open/seek. (not implemented yet)")
public final class BenchStorageCommand extends NotBuiltCommand {}
