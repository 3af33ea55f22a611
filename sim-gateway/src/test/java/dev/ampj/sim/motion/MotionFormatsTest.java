package dev.ampj.sim.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.motion.formats.IsaacLabFormat;
import dev.ampj.sim.motion.formats.MotionFiles;
import dev.ampj.sim.motion.formats.MotionReadOptions;
import dev.ampj.sim.motion.npy.NpyArray;
import dev.ampj.sim.motion.npy.NpzWriter;
import dev.ampj.sim.ostrich.OstrichLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format reads back the analytic motion; each malformed case fails with file, entry and problem. */
class MotionFormatsTest {

    @TempDir
    Path dir;

    private final KinematicClip ref = MotionFixtures.clip(30, 31);
    private final MotionReadOptions opts = MotionReadOptions.defaults();

    private ReferenceMotion read(Path p) throws Exception {
        return MotionFiles.read(p, opts);
    }

    private static void assertClose(double[] a, double[] b, double tol, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], tol, what + "[" + i + "]");
        }
    }

    private MotionFileException fails(Path p) {
        MotionFileException e = assertThrows(MotionFileException.class, () -> read(p));
        assertEquals(p.toString(), e.file());
        assertEquals(1, e.getMessage().lines().count());
        return e;
    }

    @Test
    void isaacLabInEveryDtypeAndLayout() throws Exception {
        for (String descr : List.of("<f4", ">f4", "<f8", ">f8")) {
            for (boolean fortran : new boolean[] {false, true}) {
                for (boolean compressed : new boolean[] {false, true}) {
                    Path p = dir.resolve("il.npz");
                    MotionFixtures.writeIsaacLab(ref, p, descr, fortran, compressed, true);
                    KinematicClip c = assertInstanceOf(KinematicClip.class, read(p));
                    double tol = descr.endsWith("4") ? 1e-6 : 0;
                    String what = descr + " fortran=" + fortran + " deflated=" + compressed;
                    assertEquals(MotionFormat.ISAACLAB, c.format());
                    assertEquals(QuatOrder.WXYZ, c.quatOrder());
                    assertEquals(31, c.frames());
                    assertEquals(30.0, c.fps());
                    assertEquals(1.0, c.duration(), 1e-12);
                    assertEquals(OstrichLayout.JOINTS, c.dofNames());
                    assertEquals(OstrichLayout.BODIES, c.bodyNames());
                    assertClose(ref.dofPos(), c.dofPos(), tol, what);
                    assertClose(ref.bodyQuat(), c.bodyQuat(), 1e-6, what);
                    assertClose(ref.bodyLinVel(), c.bodyLinVel(), tol * 10, what);
                    assertTrue(c.velocitiesFromFile());
                    assertTrue(c.warnings().isEmpty(), c.warnings().toString());
                }
            }
        }
    }

    @Test
    void missingVelocitiesAreComputedByFiniteDifferences() throws Exception {
        KinematicClip fine = MotionFixtures.clip(600, 601);
        Path p = dir.resolve("nov.npz");
        MotionFixtures.writeIsaacLab(fine, p, "<f8", false, false, false);
        KinematicClip c = (KinematicClip) read(p);
        assertFalse(c.velocitiesFromFile());
        // Central differences at 600 Hz: error O(h² ω³ A) ≈ 1e-4 inside; one-sided at the ends.
        for (int f = 1; f < c.frames() - 1; f++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(fine.dofVel()[f * 6 + j], c.dofVel()[f * 6 + j], 2e-3, "joint " + j + " frame " + f);
            }
            for (int k = 0; k < 7 * 3; k++) {
                assertEquals(fine.bodyLinVel()[f * 21 + k], c.bodyLinVel()[f * 21 + k], 2e-3, "lin " + k + " frame " + f);
                assertEquals(fine.bodyAngVel()[f * 21 + k], c.bodyAngVel()[f * 21 + k], 2e-3, "ang " + k + " frame " + f);
            }
        }
    }

    @Test
    void beyondMimicWithConfiguredNames() throws Exception {
        Path p = dir.resolve("bm.npz");
        MotionFixtures.writeBeyondMimic(ref, p);
        KinematicClip nameless = (KinematicClip) read(p);
        assertEquals(MotionFormat.BEYONDMIMIC, nameless.format());
        assertNull(nameless.dofNames());
        assertEquals(30.0, nameless.fps());
        KinematicClip named = (KinematicClip) MotionFiles.read(p, opts.withNames(OstrichLayout.JOINTS, OstrichLayout.BODIES));
        assertEquals(OstrichLayout.JOINTS, named.dofNames());
        assertClose(ref.dofPos(), named.dofPos(), 1e-6, "joint_pos");
        MotionFileException e = assertThrows(MotionFileException.class,
                () -> MotionFiles.read(p, opts.withNames(List.of("a", "b"), List.of())));
        assertTrue(e.getMessage().contains("lists 2 names but the data have 6"), e.getMessage());
    }

    @Test
    void ampRslRlDictWithXyzwQuaternions() throws Exception {
        for (int protocol : new int[] {2, 4}) {
            Path p = dir.resolve("rsl" + protocol + ".npy");
            MotionFixtures.writeAmpRslRl(MotionFixtures.ampRslRlDict(ref, OstrichLayout.JOINTS), p, protocol);
            KinematicClip c = (KinematicClip) read(p);
            assertEquals(MotionFormat.AMP_RSL_RL, c.format());
            assertEquals(QuatOrder.XYZW, c.quatOrder());
            assertEquals(1, c.bodies());
            assertNull(c.bodyNames());
            assertEquals(31, c.frames());
            for (int f = 0; f < c.frames(); f++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(ref.bodyQuat()[f * 28 + k], c.bodyQuat()[f * 4 + k], 1e-12, "quat converted to wxyz");
                }
            }
            assertFalse(c.velocitiesFromFile());
            assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        }
    }

    @Test
    void ampRslRlAcceptsA2dArrayAndNumpyScalarFps() throws Exception {
        Map<String, Object> d = MotionFixtures.ampRslRlDict(ref, OstrichLayout.JOINTS);
        double[][] m = new double[ref.frames()][];
        for (int f = 0; f < m.length; f++) {
            m[f] = (double[]) ((List<?>) d.get("joint_positions")).get(f);
        }
        d.put("joint_positions", m);
        d.put("fps", new PickleBytes.Scalar(30.0));
        Path p = dir.resolve("rsl2d.npy");
        MotionFixtures.writeAmpRslRl(d, p, 4);
        KinematicClip c = (KinematicClip) read(p);
        assertClose(ref.dofPos(), c.dofPos(), 0, "joint positions");
    }

    @Test
    void ampRslRlMalformed() throws Exception {
        Map<String, Object> d = MotionFixtures.ampRslRlDict(ref, OstrichLayout.JOINTS);
        Path p = dir.resolve("bad.npy");
        Map<String, Object> missing = new LinkedHashMap<>(d);
        missing.remove("root_quaternion");
        MotionFixtures.writeAmpRslRl(missing, p, 4);
        MotionFileException e = fails(p);
        assertEquals("root_quaternion", e.entry());
        assertTrue(e.getMessage().contains("required key is missing"));

        Map<String, Object> ragged = new LinkedHashMap<>(d);
        List<Object> rows = new ArrayList<>((List<?>) d.get("joint_positions"));
        rows.set(5, new double[] {1, 2, 3});
        ragged.put("joint_positions", rows);
        MotionFixtures.writeAmpRslRl(ragged, p, 4);
        assertTrue(fails(p).getMessage().contains("frame 5 has 3 values, expected 6 (ragged list)"));

        Map<String, Object> shortRoot = new LinkedHashMap<>(d);
        shortRoot.put("root_position", new ArrayList<>(((List<?>) d.get("root_position")).subList(0, 30)));
        MotionFixtures.writeAmpRslRl(shortRoot, p, 4);
        assertTrue(fails(p).getMessage().contains("'root_position': has 30 frames but 'joint_positions' has 31"));

        Map<String, Object> nan = new LinkedHashMap<>(d);
        List<Object> q = new ArrayList<>((List<?>) d.get("root_quaternion"));
        q.set(3, new double[] {0, 0, Double.NaN, 1});
        nan.put("root_quaternion", q);
        MotionFixtures.writeAmpRslRl(nan, p, 4);
        assertTrue(fails(p).getMessage().contains("NaN"));

        Map<String, Object> notUnit = new LinkedHashMap<>(d);
        List<Object> q2 = new ArrayList<>((List<?>) d.get("root_quaternion"));
        q2.set(7, new double[] {0, 0, 0, 1.5});
        notUnit.put("root_quaternion", q2);
        MotionFixtures.writeAmpRslRl(notUnit, p, 4);
        assertTrue(fails(p).getMessage().contains("quaternion at frame 7, body 0 has norm 1.5"));

        Map<String, Object> noFrames = new LinkedHashMap<>(d);
        noFrames.put("joint_positions", new ArrayList<>());
        MotionFixtures.writeAmpRslRl(noFrames, p, 4);
        assertTrue(fails(p).getMessage().contains("'joint_positions': has zero frames"));

        java.nio.file.Files.write(p, PickleBytes.npyOfObject(List.of("not", "a", "dict"), 4));
        assertTrue(fails(p).getMessage().contains("expected a pickled dict"));
    }

    @Test
    void isaacLabMalformed() throws Exception {
        Path p = dir.resolve("bad.npz");
        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        // Drop a required entry.
        rewrite(p, "body_rotations", null);
        MotionFileException e = fails(p);
        assertEquals("body_rotations", e.entry());
        assertTrue(e.getMessage().contains("required entry is missing"));

        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        rewrite(p, "dof_positions", NpyArray.ofFloat32("dof_positions", new int[] {30, 6}, new double[180]));
        assertTrue(fails(p).getMessage().contains("'body_positions': has 31 frames but 'dof_positions' has 30"));

        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        rewrite(p, "dof_positions", NpyArray.ofFloat32("dof_positions", new int[] {31, 5}, new double[155]));
        assertTrue(fails(p).getMessage().contains("expected shape [frames, 6], found (31, 5)"));

        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        double[] nan = ref.dofPos().clone();
        nan[6 * 12 + 2] = Double.POSITIVE_INFINITY;
        rewrite(p, "dof_positions", NpyArray.ofFloat32("dof_positions", new int[] {31, 6}, nan));
        assertTrue(fails(p).getMessage().contains("'dof_positions': value Infinity at frame 12 (index 2)"));

        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        rewrite(p, "dof_names", NpyArray.ofFloat32("dof_names", new int[] {6}, new double[6]));
        assertTrue(fails(p).getMessage().contains("'dof_names': expected a string array"));

        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        rewrite(p, "fps", NpyArray.ofFloat32("fps", new int[0], new double[] {-5}));
        assertTrue(fails(p).getMessage().contains("'fps': is -5.0, expected a positive number"));

        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        rewrite(p, "body_linear_velocities", null);
        assertTrue(fails(p).getMessage().contains("has only some of"));

        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        for (String k : List.of("dof_positions", "body_positions", "body_rotations", "dof_velocities",
                "body_linear_velocities", "body_angular_velocities")) {
            int[] shape = k.startsWith("dof") ? new int[] {0, 6} : new int[] {0, 7, k.equals("body_rotations") ? 4 : 3};
            rewrite(p, k, NpyArray.ofFloat32(k, shape, new double[0]));
        }
        assertTrue(fails(p).getMessage().contains("has zero frames"));

        MotionFixtures.writeIsaacLab(ref, p, "<f4", false, false, true);
        rewrite(p, "dof_names", NpyArray.ofStrings("dof_names", "a", "b", "a", "c", "d", "e"));
        assertTrue(fails(p).getMessage().contains("names appear more than once: [a]"));
    }

    @Test
    void unknownKeySetListsTheFormats() throws Exception {
        Path p = dir.resolve("x.npz");
        new NpzWriter(false).add(NpyArray.ofFloat32("poses", new int[] {2}, new double[2])).write(p);
        MotionFileException e = fails(p);
        assertTrue(e.getMessage().contains("holds [poses], which matches no known motion format"), e.getMessage());
    }

    @Test
    void quaternionOrderOverrideAndWarning() throws Exception {
        // An Isaac Lab file whose author wrote xyzw: the upright root reads as tilted under wxyz.
        Path p = dir.resolve("xyzw.npz");
        double[] q = ref.bodyQuat().clone();
        for (int i = 0; i < q.length; i += 4) {
            double w = q[i];
            q[i] = q[i + 1];
            q[i + 1] = q[i + 2];
            q[i + 2] = q[i + 3];
            q[i + 3] = w;
        }
        KinematicClip swapped = new KinematicClip("x", MotionFormat.ISAACLAB, QuatOrder.WXYZ, 30, 31, ref.dofNames(), ref.bodyNames(),
                6, 7, ref.dofPos(), ref.dofVel(), ref.bodyPos(), q, ref.bodyLinVel(), ref.bodyAngVel(), true, List.of());
        IsaacLabFormat.write(swapped, p);
        KinematicClip asDeclared = (KinematicClip) read(p);
        assertEquals(1, asDeclared.warnings().size());
        assertTrue(asDeclared.warnings().get(0).contains("the data look like xyzw"), asDeclared.warnings().toString());
        KinematicClip overridden = (KinematicClip) MotionFiles.read(p, opts.withQuatOrder(QuatOrder.XYZW));
        assertEquals(QuatOrder.XYZW, overridden.quatOrder());
        assertTrue(overridden.warnings().isEmpty());
        assertClose(ref.bodyQuat(), overridden.bodyQuat(), 1e-6, "quat after override");
    }

    @Test
    void seed001AmpStatesAndSeed002Pairs() throws Exception {
        Path a = dir.resolve("amp.npz");
        double[] states = new double[10 * 22];
        for (int i = 0; i < states.length; i++) {
            states[i] = i * 0.01;
        }
        new NpzWriter(false).add(NpyArray.ofFloat32("amp_states", new int[] {10, 22}, states))
                .add(NpyArray.ofFloat64("dt", new int[0], new double[] {0.02})).write(a);
        AmpStateSequence s = assertInstanceOf(AmpStateSequence.class, read(a));
        assertEquals(10, s.frames());
        assertEquals(22, s.dim());
        assertEquals(0.02, s.dt());
        assertEquals((float) 2.19, s.states()[219]);

        Path b = dir.resolve("pairs.npz");
        new NpzWriter(true).add(NpyArray.ofFloat64("states", new int[] {4, 3}, new double[12]))
                .add(NpyArray.ofFloat64("next_states", new int[] {4, 3}, new double[12])).write(b);
        AmpStatePairs pr = assertInstanceOf(AmpStatePairs.class, read(b));
        assertEquals(4, pr.count());
        assertEquals(3, pr.dim());

        new NpzWriter(true).add(NpyArray.ofFloat64("states", new int[] {4, 3}, new double[12]))
                .add(NpyArray.ofFloat64("next_states", new int[] {5, 3}, new double[15])).write(b);
        assertTrue(fails(b).getMessage().contains("'next_states': has 5 frames but 'states' has 4"));
        new NpzWriter(true).add(NpyArray.ofFloat64("states", new int[] {4, 3}, new double[12])).write(b);
        assertTrue(fails(b).getMessage().contains("'next_states': required entry is missing"));
        new NpzWriter(false).add(NpyArray.ofFloat32("amp_states", new int[] {0, 22}, new double[0])).write(a);
        assertTrue(fails(a).getMessage().contains("has zero frames"));
        new NpzWriter(false).add(NpyArray.ofFloat32("amp_states", new int[] {2, 2}, new double[] {1, Double.NaN, 3, 4})).write(a);
        assertTrue(fails(a).getMessage().contains("value NaN at frame 0 (index 1)"));
    }

    /** Replaces (or with null removes) one entry of an npz, keeping the others. */
    private static void rewrite(Path p, String entry, NpyArray replacement) throws Exception {
        var z = dev.ampj.sim.motion.npy.NpzReader.read(p);
        NpzWriter w = new NpzWriter(false);
        for (NpyArray a : z.arrays()) {
            if (a.name().equals(entry)) {
                if (replacement != null) {
                    w.add(replacement);
                }
            } else {
                w.add(a);
            }
        }
        w.write(p);
    }

    @Test
    void convertRoundTripThroughIsaacLab() throws Exception {
        Path rsl = dir.resolve("in.npy");
        MotionFixtures.writeAmpRslRl(MotionFixtures.ampRslRlDict(ref, OstrichLayout.JOINTS), rsl, 4);
        KinematicClip in = (KinematicClip) MotionFiles.read(rsl, opts.withNames(List.of(), List.of("torso")));
        Path out = dir.resolve("out.npz");
        IsaacLabFormat.write(in, out);
        KinematicClip back = (KinematicClip) read(out);
        assertEquals(MotionFormat.ISAACLAB, back.format());
        assertEquals(List.of("torso"), back.bodyNames());
        assertEquals(in.frames(), back.frames());
        assertEquals(in.fps(), back.fps());
        assertClose(in.dofPos(), back.dofPos(), 1e-6, "dof_positions");
        assertClose(in.dofVel(), back.dofVel(), 1e-5, "dof_velocities");
        assertClose(in.bodyQuat(), back.bodyQuat(), 1e-6, "body_rotations");
        assertClose(in.bodyAngVel(), back.bodyAngVel(), 1e-5, "body_angular_velocities");
        // And Isaac Lab → Isaac Lab is the identity up to float32.
        Path again = dir.resolve("again.npz");
        IsaacLabFormat.write(back, again);
        assertArrayEquals(java.nio.file.Files.readAllBytes(out), java.nio.file.Files.readAllBytes(again));
    }
}
