package dev.ampj.ops.bench;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Benchmark embedded physics stepping. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Benchmark embedded physics stepping. (not implemented yet)")
public final class BenchSimCommand extends NotBuiltCommand {}
