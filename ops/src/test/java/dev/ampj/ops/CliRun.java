package dev.ampj.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code amp} command line in-process, as the command tests need it. */
public final class CliRun {

    private CliRun() {}

    /** Executes {@code amp args...}; returns {exit code, stdout, stderr}. */
    public static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AmpCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
