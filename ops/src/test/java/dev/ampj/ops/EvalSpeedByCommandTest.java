package dev.ampj.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ampj.actors.eval.EvalReport.EnvResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The eval report's line of commands against the speeds walked. */
class EvalSpeedByCommandTest {

    @Test
    void showsTheFirstTheLastAndEvenlySpreadEnvsBetween() {
        List<EnvResult> envs = new ArrayList<>();
        for (int e = 0; e < 32; e++) {
            double command = 0.5 + 0.45 * e / 31;
            envs.add(new EnvResult(e, command, e < 16 ? 0.47 : command - 0.01, 0)); // one speed over the slower half
        }
        String line = EvalCommand.speedByCommand(envs, 4);
        assertEquals("speed by command  0.50→0.47  0.65→0.47  0.80→0.79  0.95→0.94 m/s", line);
    }

    @Test
    void fewerEnvsThanTheLimitAreAllShown() {
        List<EnvResult> envs = List.of(new EnvResult(0, 0.5, 0.49, 0), new EnvResult(1, 0.95, 0.9, 1));
        assertEquals("speed by command  0.50→0.49  0.95→0.90 m/s", EvalCommand.speedByCommand(envs, 8));
        assertEquals("speed by command  0.50→0.49 m/s", EvalCommand.speedByCommand(envs.subList(0, 1), 8));
    }
}
