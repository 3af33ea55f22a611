package dev.ampj.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.ops.AmpCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(120)
class BenchSimCommandTest {

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
    void printsOneJsonLineWithStepRates() {
        String[] r = run("bench", "sim", "--robot", "ostrich", "--envs", "4", "--threads", "2", "--steps", "20",
                "--warmup", "5", "--repeats", "2", "--json");
        assertEquals("0", r[0], r[2]);
        String line = r[1].strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("{\"bench\":\"sim\",\"robot\":\"ostrich\",\"engine\":\"ode4j 0.5.3\""), line);
        assertTrue(line.contains("\"envs\":4,\"threads\":2"), line);
        Matcher m = Pattern.compile("\"env_steps_per_s\":([0-9.]+),\"env_steps_per_cpu_s\":([0-9.]+)").matcher(line);
        assertTrue(m.find(), line);
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, line);
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
