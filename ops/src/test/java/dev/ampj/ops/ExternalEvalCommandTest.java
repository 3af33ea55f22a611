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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amp eval} of a run trained on the MuJoCo ostrich through the gateway: the client connected
 * for training drives the eval envs, each commanded through its episode starts; the report has the
 * embedded run's keys and two evals print the same JSON; {@code --engine embedded} scores the same
 * policy on the embedded ostrich.
 */
@Timeout(600)
class ExternalEvalCommandTest {

    private static final String CLIENT = PythonClients.clientDir().resolve("examples/mujoco_ostrich.py").toString();

    @TempDir
    Path tmp;

    @Test
    void anExternalRunIsEvaluatedThroughItsClient() throws Exception {
        Path python = TestPython.require("mujoco");
        String address = PythonClients.freeAddress();
        Path log = tmp.resolve("client.log");
        Process client = new ProcessBuilder(python.toString(), CLIENT, "--envs", "4", "--connect", address, "--idle-timeout", "300")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path config = Files.writeString(tmp.resolve("small.conf"), TestRuns.SMALL);
            String dir = tmp.resolve("runs").toString();
            String[] r = CliRun.run("train", "--config", config.toString(), "--set", "amp.sim.engine=external", "--set",
                    "amp.gateway.address=" + address, "--iterations", "2", "--name", "ext", "--runs-dir", dir, "--no-progress");
            assertEquals("0", r[0], r[2] + Files.readString(log));

            r = CliRun.run("eval", "ext", "--envs", "8", "--seconds", "1", "--json", "--runs-dir", dir);
            assertEquals("2", r[0], r[1]);
            assertTrue(r[2].contains("amp eval --envs 8 needs that many envs") && r[2].contains("declares 4"), r[2]);

            String[] first = CliRun.run("eval", "ext", "--envs", "3", "--seconds", "1", "--json", "--runs-dir", dir);
            assertEquals("0", first[0], first[2]);
            JsonNode report = new ObjectMapper().readTree(first[1]);
            for (String key : List.of("run", "iteration", "envs", "command_range", "tracking_error", "falls", "episode_length",
                    "style_distance", "style_distance_floor", "style_distance_init", "style_distance_matched", "joint_ranges",
                    "d_accuracy_policy", "d_accuracy_reference", "per_env")) {
                assertTrue(report.has(key), key + " in " + first[1]);
            }
            assertEquals(2, report.get("iteration").asInt());
            assertEquals(3, report.get("per_env").size());
            assertTrue(report.get("style_distance").asDouble() > 0, first[1]);

            String[] second = CliRun.run("eval", "ext", "--envs", "3", "--seconds", "1", "--json", "--runs-dir", dir);
            assertEquals("0", second[0], second[2]);
            assertEquals(first[1], second[1], "two evals of the same iteration print the same JSON");

            // the MuJoCo-trained policy on the embedded ostrich: no gait condition on either side
            String[] embedded = CliRun.run("eval", "ext", "--engine", "embedded", "--envs", "3", "--seconds", "2", "--json",
                    "--runs-dir", dir);
            assertEquals("0", embedded[0], embedded[2]);
            JsonNode onEmbedded = new ObjectMapper().readTree(embedded[1]);
            assertEquals("reduced", onEmbedded.get("engine").asText(), embedded[1]);
            assertEquals("external", report.get("engine").asText(), first[1]);
            assertEquals(3, onEmbedded.get("per_env").size());
            assertTrue(Double.isFinite(onEmbedded.get("d_accuracy_policy").asDouble())
                    && Double.isFinite(onEmbedded.get("tracking_error").asDouble()), embedded[1]);
        } finally {
            GatewayClients.closeShared();
            if (!client.waitFor(20, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
        assertEquals(0, client.exitValue(), Files.readString(log));
    }
}
