package dev.ampj.ops.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.storage.event.IterationCommitted;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resume table's progress bar counts re-executed iterations (marked) as well as new ones. */
class IterationTableTest {

    private static final String DIGEST = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void theBarCountsReExecutedIterationsFromTheCheckpointOn() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        StringWriter rows = new StringWriter();
        String afterReExecution;
        try {
            System.setErr(new PrintStream(bar, true, StandardCharsets.UTF_8));
            // Checkpoint at 2, last commit 5, target 8: the bar runs over iterations 3..8.
            IterationTable table = new IterationTable(new PrintWriter(rows), "r", 3, 8, 100, true);
            for (long it = 3; it <= 5; it++) {
                table.onVerified(new IterationOutcome.Done(it, it * 100, DIGEST, DIGEST, Map.of(), Map.of()));
            }
            table.close();
            afterReExecution = bar.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(stderr);
        }
        assertTrue(afterReExecution.contains("3/6") && afterReExecution.contains(IterationTable.REEXECUTING.trim()),
                afterReExecution);
        assertTrue(rows.toString().contains("     5 re-executed: policy 0123456789ab"), rows.toString());
    }

    @Test
    void aCommitClearsTheReExecutionNote() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        String drawn;
        try {
            System.setErr(new PrintStream(bar, true, StandardCharsets.UTF_8));
            IterationTable table = new IterationTable(new PrintWriter(new StringWriter()), "r", 3, 8, 100, true);
            table.onVerified(new IterationOutcome.Done(3, 300, DIGEST, DIGEST, Map.of(), Map.of()));
            table.onCommitted(new IterationCommitted(4, 400, DIGEST, DIGEST, Map.of(), Map.of()));
            bar.reset();
            table.close();
            drawn = bar.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(stderr);
        }
        assertTrue(drawn.contains("2/6"), drawn);
        assertFalse(drawn.contains(IterationTable.REEXECUTING.trim()), drawn);
    }
}
