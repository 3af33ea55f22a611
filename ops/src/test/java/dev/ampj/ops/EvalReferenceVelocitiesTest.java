package dev.ampj.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampj.actors.testenv.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amp eval --reference-velocities}: one run scored against the reference's recorded or derived velocities. */
class EvalReferenceVelocitiesTest {

    @TempDir
    Path tmp;

    @Test
    void aRunIsScoredAgainstEitherVelocitiesOfItsReference() throws Exception {
        Path config = Files.writeString(tmp.resolve("small.conf"), TestRuns.SMALL);
        String dir = tmp.resolve("runs").toString();
        String[] r = CliRun.run("train", "--config", config.toString(), "--iterations", "2", "--name", "v", "--runs-dir", dir,
                "--no-progress");
        assertEquals("0", r[0], r[2]);

        JsonNode own = eval(dir);
        JsonNode positions = eval(dir, "--reference-velocities", "positions");
        JsonNode file = eval(dir, "--reference-velocities", "file");
        // the default derives them from the poses: the same report, and a reference that is its own derivation
        assertEquals(own, positions);
        assertEquals(0, own.get("style_distance_derived_velocities").get("reference").asDouble(), 1e-9);
        // the recording's velocities: another yardstick for about the same rollouts (the commands span the clips'
        // mean speeds, which the derivation moves by less than a millimetre per second)
        assertEquals(own.get("tracking_error").asDouble(), file.get("tracking_error").asDouble(), 1e-3);
        assertEquals(own.get("joint_range_error").asDouble(), file.get("joint_range_error").asDouble(), 1e-2);
        assertTrue(file.get("style_distance_derived_velocities").get("reference").asDouble() > 1.0, file.toString());
        assertTrue(file.get("style_distance").asDouble() != own.get("style_distance").asDouble(), file.toString());

        r = CliRun.run("eval", "v", "--reference-velocities", "smoothed", "--runs-dir", dir);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[2].contains("--reference-velocities smoothed: expected file or positions"), r[2]);
    }

    private static JsonNode eval(String dir, String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("eval", "v", "--envs", "2", "--seconds", "1",
                "--json", "--runs-dir", dir));
        args.addAll(java.util.List.of(extra));
        String[] r = CliRun.run(args.toArray(String[]::new));
        assertEquals("0", r[0], r[2]);
        return new ObjectMapper().readTree(r[1]);
    }
}
