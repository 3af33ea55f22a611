package dev.ampj.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Base of commands that are declared in the CLI but not implemented in this version: they say so
 * on stderr and exit {@value #NOT_BUILT}, so scripts never mistake them for success.
 */
public abstract class NotBuiltCommand implements Callable<Integer> {

    /** Exit code of a command that is not implemented in this version. */
    public static final int NOT_BUILT = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    java.util.List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("amp " + spec.qualifiedName(" ").replaceFirst("^amp ", "")
                + ": not implemented in this version of the platform.");
        return NOT_BUILT;
    }
}
