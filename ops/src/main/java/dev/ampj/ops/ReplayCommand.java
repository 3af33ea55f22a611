package dev.ampj.ops;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Re-execute a logged run and verify every digest. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Re-execute a logged run and verify every digest. (not implemented yet)")
public final class ReplayCommand extends NotBuiltCommand {}
