package dev.ampj.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.sim.gateway.GatewayClients;
import dev.ampj.sim.gateway.PythonClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amp eval --engine external}: a run trained on the embedded ostrich (gait-conditioned, the
 * default) scored on the MuJoCo ostrich client. The report has the embedded eval's keys, names the
 * engine that scored, rolls out the asked envs, holds finite figures (its discriminator accuracy
 * included: the condition comes from each env's command), and two scorings print the same JSON.
 */
@Timeout(600)
class CrossEngineEvalCommandTest {

    private static final String CLIENT = PythonClients.clientDir().resolve("examples/mujoco_ostrich.py").toString();

    @TempDir
    Path tmp;

    @Test
    void anEmbeddedRunIsScoredOnTheMujocoOstrich() throws Exception {
        Path config = Files.writeString(tmp.resolve("small.conf"), TestRuns.SMALL);
        String dir = tmp.resolve("runs").toString();
        String[] r = CliRun.run("train", "--config", config.toString(), "--iterations", "2", "--name", "emb", "--runs-dir", dir,
                "--no-progress");
        assertEquals("0", r[0], r[2]);

        r = CliRun.run("eval", "emb", "--engine", "bullet", "--runs-dir", dir);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[2].contains("--engine bullet: expected one of [embedded, reduced, ode4j, external]"), r[2]);
        r = CliRun.run("eval", "emb", "--set", "amp.gateway.address=tcp://127.0.0.1:1", "--runs-dir", dir);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[2].contains("give it with --engine"), r[2]);

        String[] own = CliRun.run("eval", "emb", "--envs", "3", "--seconds", "2", "--json", "--runs-dir", dir);
        assertEquals("0", own[0], own[2]);
        JsonNode embedded = new ObjectMapper().readTree(own[1]);
        assertEquals("reduced", embedded.get("engine").asText(), own[1]);

        Path python = TestPython.require("mujoco");
        String address = PythonClients.freeAddress();
        Path log = tmp.resolve("client.log");
        Process client = new ProcessBuilder(python.toString(), CLIENT, "--envs", "3", "--connect", address, "--idle-timeout", "300")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String[] first = CliRun.run("eval", "emb", "--engine", "external", "--set", "amp.gateway.address=" + address,
                    "--envs", "3", "--seconds", "2", "--json", "--runs-dir", dir);
            assertEquals("0", first[0], first[2] + Files.readString(log));
            JsonNode report = new ObjectMapper().readTree(first[1]);
            assertEquals(keys(embedded), keys(report), "the same keys as the run's own eval");
            assertEquals("external", report.get("engine").asText());
            assertEquals(2, report.get("iteration").asInt());
            assertEquals(3, report.get("envs").asInt());
            assertEquals(3, report.get("per_env").size());
            for (String key : List.of("tracking_error", "style_distance", "style_distance_floor", "style_distance_init",
                    "joint_range_error", "d_accuracy_policy", "d_accuracy_reference")) {
                assertTrue(Double.isFinite(report.get(key).asDouble()) && report.get(key).isNumber(), key + " in " + first[1]);
            }
            assertEquals(embedded.get("style_distance_floor").asDouble(), report.get("style_distance_floor").asDouble(), 1e-12,
                    "the floor is the run's reference, whichever engine scores");
            assertTrue(!embedded.get("style_distance").equals(report.get("style_distance")),
                    "another engine's rollouts: " + first[1]);

            String[] second = CliRun.run("eval", "emb", "--engine", "external", "--set", "amp.gateway.address=" + address,
                    "--envs", "3", "--seconds", "2", "--json", "--runs-dir", dir);
            assertEquals("0", second[0], second[2]);
            assertEquals(first[1], second[1], "two scorings of the same iteration on MuJoCo print the same JSON");
        } finally {
            GatewayClients.closeShared();
            if (!client.waitFor(20, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
        assertEquals(0, client.exitValue(), Files.readString(log));
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
