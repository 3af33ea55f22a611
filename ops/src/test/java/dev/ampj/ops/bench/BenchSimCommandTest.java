package dev.ampj.ops.bench;

import static dev.ampj.ops.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class BenchSimCommandTest {

    @Test
    void printsOneJsonLineWithStepRates() {
        String[] r = run("bench", "sim", "--robot", "ostrich", "--envs", "4", "--threads", "2", "--steps", "20",
                "--warmup", "5", "--repeats", "2", "--json");
        assertEquals("0", r[0], r[2]);
        String line = r[1].strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("{\"bench\":\"sim\",\"robot\":\"ostrich\",\"engine\":\"ampj-reduced 1\""), line);
        assertTrue(line.contains("\"envs\":4,\"threads\":2"), line);
        Matcher m = Pattern.compile("\"env_steps_per_s\":([0-9.]+),\"env_steps_per_cpu_s\":([0-9.]+)").matcher(line);
        assertTrue(m.find(), line);
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, line);
    }

    @Test
    void theEngineCanBeChosen() {
        String[] r = run("bench", "sim", "--engine", "ode4j", "--planar", "false", "--envs", "2", "--steps", "5",
                "--warmup", "1", "--repeats", "1", "--json");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("\"engine\":\"ode4j 0.5.3\",\"planar\":false"), r[1]);
        r = run("bench", "sim", "--engine", "bullet");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("bullet") && r[2].contains("reduced") && r[2].contains("ode4j"), r[2]);
        r = run("bench", "sim", "--planar", "false");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("amp.sim.planar"), r[2]);
    }

    @Test
    void badArgumentsAreUserErrors() {
        String[] r = run("bench", "sim", "--robot", "humanoid");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("humanoid") && r[2].contains("ostrich"), r[2]);
        r = run("bench", "sim", "--envs", "0");
        assertEquals("2", r[0]);
    }
}
