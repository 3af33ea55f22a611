package dev.ampj.ops.bench;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Benchmark the Aeron tensor data plane against memcpy. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "transport", mixinStandardHelpOptions = true, description = "Benchmark the Aeron tensor data plane against memcpy. (not implemented yet)")
public final class BenchTransportCommand extends NotBuiltCommand {}
