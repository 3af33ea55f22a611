package dev.ampj.ops;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line on stderr and an exit code: users see what
 * was wrong (file, key, value), never a stack trace. {@code AMP_DEBUG=1} prints the trace too.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    /** Exit code for bad input (files, config keys, arguments), as documented in the README. */
    static final int BAD_INPUT = 2;
    /** Exit code for an unexpected internal failure. */
    static final int INTERNAL = 70;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName();
        boolean badInput = ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                || ex instanceof com.typesafe.config.ConfigException;
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println(name + ": " + (badInput ? "" : "internal error: ") + msg);
        if (System.getenv("AMP_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        return badInput ? BAD_INPUT : INTERNAL;
    }
}
