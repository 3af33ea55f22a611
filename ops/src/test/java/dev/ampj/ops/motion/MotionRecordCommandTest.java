package dev.ampj.ops.motion;

import static dev.ampj.ops.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.formats.MotionFiles;
import dev.ampj.sim.motion.formats.MotionReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amp motion record} writes a readable Isaac Lab clip; bad arguments exit 2 and write nothing. */
class MotionRecordCommandTest {

    @TempDir
    Path dir;

    @Test
    void recordsAWalk() throws Exception {
        Path out = dir.resolve("walk.npz");
        String[] r = run("motion", "record", "--robot", "ostrich", "--gait", "walk", "--speed", "1.0", "--seconds", "2",
                "--warmup", "2", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("101 frames at 50 fps"), r[1]);
        KinematicClip c = (KinematicClip) MotionFiles.read(out, MotionReadOptions.defaults());
        assertEquals(101, c.frames());
        assertEquals(2.0, c.duration(), 1e-9);
    }

    @Test
    void recordsOnTheEngineAskedFor() throws Exception {
        Path out = dir.resolve("march.npz");
        String[] r = run("motion", "record", "--engine", "ode4j", "--gait", "march", "--speed", "0.5", "--seconds", "1",
                "--warmup", "1", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("march on ode4j 0.5.3, 51 frames"), r[1]);
        String[] reduced = run("motion", "record", "--gait", "march", "--speed", "0.5", "--seconds", "1", "--warmup", "1",
                "--out", dir.resolve("reduced.npz").toString());
        assertTrue(reduced[1].contains("march on ampj-reduced 1, 51 frames"), reduced[1]);
        String[] bad = run("motion", "record", "--engine", "bullet", "--out", dir.resolve("x.npz").toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("bullet"), bad[2]);
        assertFalse(Files.exists(dir.resolve("x.npz")));
    }

    @Test
    void badArgumentsExit2() {
        Path out = dir.resolve("x.npz");
        String[] gait = run("motion", "record", "--gait", "moonwalk", "--out", out.toString());
        assertEquals("2", gait[0]);
        assertTrue(gait[2].contains("unknown gait 'moonwalk'"), gait[2]);
        String[] robot = run("motion", "record", "--robot", "humanoid", "--out", out.toString());
        assertEquals("2", robot[0]);
        String[] secs = run("motion", "record", "--seconds", "-1", "--out", out.toString());
        assertEquals("2", secs[0]);
        String[] fast = run("motion", "record", "--gait", "march", "--speed", "2.5", "--seconds", "5", "--out", out.toString());
        assertEquals("2", fast[0]);
        assertTrue(fast[2].contains("gait 'march' at 2.50 m/s fell"), fast[2]);
        assertFalse(Files.exists(out));
    }
}
