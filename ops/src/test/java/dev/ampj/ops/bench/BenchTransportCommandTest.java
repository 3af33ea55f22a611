package dev.ampj.ops.bench;

import static dev.ampj.ops.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class BenchTransportCommandTest {

    @Test
    void printsOneJsonLineWithTransportAndMemcpyRates() {
        String[] r = run("bench", "transport", "--json", "--mib", "2", "--seconds", "0.5", "--message-kib", "256",
                "--node-name", "bench-test-" + ProcessHandle.current().pid());
        assertEquals("0", r[0], r[2]);
        String line = r[1].strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("{\"bench\":\"transport\",\"channel\":\"aeron:ipc\""), line);
        assertTrue(line.contains("\"message_bytes\":262144") && line.contains("\"chunks_per_batch\":9"), line);
        assertTrue(line.contains("\"rejected_frames\":0"), line);
        assertTrue(line.matches(".*\"one_batch_ms_p50\":[0-9.]+,.*\"one_batch_samples\":([3-9]|[1-3][0-9]),.*"), line);
        Matcher m = Pattern.compile("\"transport_gbps\":([0-9.]+),\"memcpy_gbps\":([0-9.]+)").matcher(line);
        assertTrue(m.find(), line);
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, line);
    }

    @Test
    void badArgumentsAreUserErrors() {
        String[] r = run("bench", "transport", "--channel", "tcp");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--channel tcp"), r[2]);
        r = run("bench", "transport", "--message-kib", "16384");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("max-message-size"), r[2]);
    }
}
