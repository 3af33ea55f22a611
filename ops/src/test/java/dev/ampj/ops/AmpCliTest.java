package dev.ampj.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AmpCliTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AmpCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void helpListsTheUserCommands() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        for (String c : new String[] {"train", "resume", "fork", "replay", "runs", "probe", "motion", "bench"}) {
            assertTrue(r[1].contains(c), "--help must list " + c + ":\n" + r[1]);
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        String[] r = run("--no-such-flag");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--no-such-flag"), r[2]);
    }
}
