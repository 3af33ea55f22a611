package dev.ampj.ops.motion;

import static dev.ampj.ops.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionFormat;
import dev.ampj.sim.motion.QuatOrder;
import dev.ampj.sim.motion.formats.MotionFiles;
import dev.ampj.sim.motion.formats.MotionReadOptions;
import dev.ampj.sim.motion.npy.NpyArray;
import dev.ampj.sim.motion.npy.NpzWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amp motion inspect} and {@code convert} through the real CLI: output, exit codes, one-line errors. */
class MotionCommandsTest {

    @TempDir
    Path dir;

    /** A two-joint, one-body BeyondMimic file spinning about z at 30 fps, 11 frames. */
    private Path beyondMimic() throws Exception {
        int f = 11;
        double[] q = new double[f * 2];
        double[] quat = new double[f * 4];
        double[] pos = new double[f * 3];
        for (int i = 0; i < f; i++) {
            q[i * 2] = 0.1 * i;
            q[i * 2 + 1] = -0.05 * i;
            double a = 0.03 * i;
            quat[i * 4] = Math.cos(a);
            quat[i * 4 + 3] = Math.sin(a);
            pos[i * 3 + 2] = 0.9;
        }
        Path p = dir.resolve("bm.npz");
        new NpzWriter(true)
                .add(NpyArray.ofFloat32("joint_pos", new int[] {f, 2}, q))
                .add(NpyArray.ofFloat32("joint_vel", new int[] {f, 2}, new double[f * 2]))
                .add(NpyArray.ofFloat32("body_pos_w", new int[] {f, 1, 3}, pos))
                .add(NpyArray.ofFloat32("body_quat_w", new int[] {f, 1, 4}, quat))
                .add(NpyArray.ofFloat32("body_lin_vel_w", new int[] {f, 1, 3}, new double[f * 3]))
                .add(NpyArray.ofFloat32("body_ang_vel_w", new int[] {f, 1, 3}, new double[f * 3]))
                .add(NpyArray.ofFloat64("fps", new int[0], new double[] {30}))
                .write(p);
        return p;
    }

    @Test
    void inspectJsonHasTheDocumentedKeys() throws Exception {
        Path p = beyondMimic();
        String[] r = run("motion", "inspect", p.toString(), "--json", "--dof-names", "hip,knee", "--body-names", "pelvis");
        assertEquals("0", r[0], r[2]);
        String json = r[1].strip();
        assertEquals(1, json.lines().count(), json);
        for (String k : List.of("\"format\":\"beyondmimic\"", "\"frames\":11", "\"fps\":30.0", "\"duration_s\":0.3333333333333333",
                "\"dof_names\":[\"hip\",\"knee\"]", "\"body_names\":[\"pelvis\"]", "\"quat_order\":\"wxyz\"", "\"ranges\":")) {
            assertTrue(json.contains(k), k + " in " + json);
        }
        String[] text = run("motion", "inspect", p.toString());
        assertEquals("0", text[0]);
        assertTrue(text[1].contains("frames: 11"), text[1]);
    }

    @Test
    void inspectOfAnAmpStatesFileHasNullFps() throws Exception {
        Path p = dir.resolve("amp.npz");
        new NpzWriter(false).add(NpyArray.ofFloat32("amp_states", new int[] {3, 2}, new double[6])).write(p);
        String[] r = run("motion", "inspect", "--json", p.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("\"fps\":null"), r[1]);
        assertTrue(r[1].contains("\"quat_order\":null"), r[1]);
    }

    @Test
    void badFilesExit2WithOneLine() throws Exception {
        Path p = dir.resolve("bad.npz");
        Files.write(p, new byte[] {1, 2, 3});
        String[] r = run("motion", "inspect", p.toString());
        assertEquals("2", r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].contains(p + ": not a valid .npz"), r[2]);
        String[] missing = run("motion", "inspect", dir.resolve("nope.npz").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("nope.npz"), missing[2]);
        String[] order = run("motion", "inspect", beyondMimic().toString(), "--quat-order", "zwxy");
        assertEquals("2", order[0]);
        assertTrue(order[2].contains("'zwxy' is not one of [wxyz, xyzw]"), order[2]);
    }

    @Test
    void convertWritesIsaacLabAndResamples() throws Exception {
        Path in = beyondMimic();
        Path out = dir.resolve("out.npz");
        String[] noNames = run("motion", "convert", in.toString(), "--to", "isaaclab", "--out", out.toString());
        assertEquals("2", noNames[0]);
        assertTrue(noNames[2].contains("--dof-names"), noNames[2]);
        String[] r = run("motion", "convert", in.toString(), "--to", "isaaclab", "--out", out.toString(), "--fps", "60",
                "--dof-names", "hip,knee", "--body-names", "pelvis");
        assertEquals("0", r[0], r[2]);
        KinematicClip c = (KinematicClip) MotionFiles.read(out, MotionReadOptions.defaults());
        assertEquals(MotionFormat.ISAACLAB, c.format());
        assertEquals(QuatOrder.WXYZ, c.quatOrder());
        assertEquals(21, c.frames());
        assertEquals(60.0, c.fps());
        assertEquals(List.of("hip", "knee"), c.dofNames());
        assertEquals(0.05, c.dofPos()[2], 1e-6, "frame 1 at 60 Hz is halfway between the first two 30 Hz frames");
        String[] wrongTo = run("motion", "convert", in.toString(), "--to", "bvh", "--out", out.toString());
        assertEquals("2", wrongTo[0]);
        assertTrue(wrongTo[2].contains("unknown output format"), wrongTo[2]);
    }
}
