package dev.ampj.ops;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** List runs, their status, digests and lineage. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List runs, their status, digests and lineage. (not implemented yet)")
public final class RunsCommand extends NotBuiltCommand {}
