package dev.ampj.ops;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Resume a stopped or crashed run exactly from its event log. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a stopped or crashed run exactly from its event log. (not implemented yet)")
public final class ResumeCommand extends NotBuiltCommand {}
