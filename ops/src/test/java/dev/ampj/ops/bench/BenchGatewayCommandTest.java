package dev.ampj.ops.bench;

import static dev.ampj.ops.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class BenchGatewayCommandTest {

    private static final String CLIENT = "../sim-gateway/clients/python/examples/mujoco_ostrich.py";

    @Test
    void printsOneJsonLineWithTheGatewaysShare() {
        String python = System.getenv("AMP_TEST_PYTHON");
        assumeTrue(python != null && Files.isExecutable(Path.of(python)),
                "AMP_TEST_PYTHON is not set to a Python with mujoco, pyzmq and numpy (.ci/run creates one); skipping");
        String[] r = run("bench", "gateway", "--envs", "8", "--steps", "5", "--warmup", "1", "--client", CLIENT, "--json");
        assertEquals("0", r[0], r[2]);
        String line = r[1].strip();
        assertTrue(line.startsWith("{\"bench\":\"gateway\",\"transport\":\"tcp-loopback\",\"envs\":8,"), line);
        Matcher m = Pattern.compile("\"steps_per_s\":([0-9.]+),.*\"client_step_s\":([0-9.]+),.*\"gateway_share\":([0-9.]+)")
                .matcher(line);
        assertTrue(m.find(), line);
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, line);
        double share = Double.parseDouble(m.group(3));
        assertTrue(share >= 0 && share < 1, line);
    }

    @Test
    void aMissingPythonOrClientIsAUserError() {
        String[] r = run("bench", "gateway", "--python", "/nonexistent/bin/python3", "--client", CLIENT, "--envs", "2");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("/nonexistent/bin/python3"), r[2]);
        r = run("bench", "gateway", "--client", "/nonexistent/client.py");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--client /nonexistent/client.py"), r[2]);
    }
}
