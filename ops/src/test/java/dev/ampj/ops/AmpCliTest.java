package dev.ampj.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AmpCliTest {


    @Test
    void helpListsTheUserCommands() {
        String[] r = CliRun.run("--help");
        assertEquals("0", r[0]);
        for (String c : new String[] {"train", "resume", "fork", "replay", "runs", "probe", "motion", "bench"}) {
            assertTrue(r[1].contains(c), "--help must list " + c + ":\n" + r[1]);
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        String[] r = CliRun.run("--no-such-flag");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--no-such-flag"), r[2]);
    }
}
