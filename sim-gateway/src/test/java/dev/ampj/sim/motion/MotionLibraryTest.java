package dev.ampj.sim.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.common.RandomStream;
import dev.ampj.sim.motion.npy.NpyArray;
import dev.ampj.sim.motion.npy.NpzWriter;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import dev.ampj.sim.terms.KinematicFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weighted library, expert AMP pairs through the shared terms, reference states, settings. */
class MotionLibraryTest {

    static final double DT = 0.02;

    @TempDir
    Path dir;

    private final AmpObservation ostrich22 = AmpTermRegistry.resolve(List.of("ostrich22"), List.of(), OstrichLayout.LAYOUT);
    private final AmpObservation softTrack = AmpTermRegistry.resolve(List.of("soft_track", "body_pos_b", "root_quat_w"),
            OstrichLayout.KEY_BODIES, OstrichLayout.LAYOUT);

    private Path isaacLab(String name, KinematicClip c) throws Exception {
        Path p = dir.resolve(name);
        MotionFixtures.writeIsaacLab(c, p, "<f8", false, true, true);
        return p;
    }

    private MotionLibrary library(List<Path> files, List<Double> weights) throws Exception {
        List<String> names = files.stream().map(Path::toString).toList();
        MotionSettings s = MotionSettings.defaults().withFiles(names);
        s = new MotionSettings(names, weights, null, s.quatNormTolerance(), List.of(), List.of(), Map.of(), MotionSettings.Velocities.FILE);
        return MotionLibrary.load(s, OstrichLayout.LAYOUT, DT);
    }

    /** The frame the analytic motion has at control step k, filled straight from the formulas. */
    private static KinematicFrame analyticFrame(int k) {
        KinematicClip one = MotionFixtures.clip(1.0 / DT, k + 1);
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        System.arraycopy(one.dofPos(), k * 6, f.jointPos, 0, 6);
        System.arraycopy(one.dofVel(), k * 6, f.jointVel, 0, 6);
        System.arraycopy(one.bodyPos(), k * 21, f.bodyPos, 0, 21);
        System.arraycopy(one.bodyQuat(), k * 28, f.bodyQuat, 0, 28);
        System.arraycopy(one.bodyLinVel(), k * 21, f.bodyLinVel, 0, 21);
        System.arraycopy(one.bodyAngVel(), k * 21, f.bodyAngVel, 0, 21);
        f.syncRootFromBody0();
        return f;
    }

    @Test
    void expertPairsAreTheSharedTermsOnTheClipStates() throws Exception {
        MotionLibrary lib = library(List.of(isaacLab("a.npz", MotionFixtures.clip(50, 101))), List.of(1.0));
        for (AmpObservation obs : List.of(ostrich22, softTrack)) {
            ExpertPairSampler sampler = new ExpertPairSampler(lib, obs, 7L);
            int n = 64;
            int d = obs.dim();
            float[] s = new float[n * d];
            float[] s2 = new float[n * d];
            sampler.sample(n, s, s2);
            assertEquals(2L * n, sampler.position(), "two draws per pair");
            RandomStream replay = RandomStream.of(7L, ExpertPairSampler.PURPOSE);
            float[] expected = new float[d];
            float[] expectedNext = new float[d];
            for (int i = 0; i < n; i++) {
                replay.nextDouble(); // the clip (only one)
                int k = replay.nextInt(100);
                obs.compute(analyticFrame(k), expected, 0);
                obs.compute(analyticFrame(k + 1), expectedNext, 0);
                float[] row = Arrays.copyOfRange(s, i * d, (i + 1) * d);
                float[] next = Arrays.copyOfRange(s2, i * d, (i + 1) * d);
                assertArrayEquals(expected, row, 1e-6f, "pair " + i + " s (frame " + k + ")");
                assertArrayEquals(expectedNext, next, 1e-6f, "pair " + i + " s' (frame " + (k + 1) + ")");
            }
        }
    }

    @Test
    void derivedVelocitiesKeepThePosesAndDifferentiateThemAtTheControlRate() throws Exception {
        MotionLibrary lib = library(List.of(isaacLab("a.npz", MotionFixtures.clip(50, 101))), List.of(1.0));
        KinematicClip recorded = lib.clips().get(0).kinematics();
        double[] recordedVel = recorded.dofVel().clone();
        MotionLibrary derived = lib.withVelocitiesFromPositions();
        KinematicClip d = derived.clips().get(0).kinematics();
        assertEquals(lib.clips().get(0).source(), derived.clips().get(0).source());
        assertEquals(lib.clips().get(0).weight(), derived.clips().get(0).weight());
        assertTrue(d.dofPos() == recorded.dofPos() && d.bodyPos() == recorded.bodyPos() && d.bodyQuat() == recorded.bodyQuat(),
                "the poses are the recorded ones");
        assertFalse(d.velocitiesFromFile());
        assertArrayEquals(FiniteDifferences.linear(recorded.dofPos(), d.frames(), d.dofs(), 1.0 / DT), d.dofVel());
        assertArrayEquals(FiniteDifferences.angular(recorded.bodyQuat(), d.frames(), d.bodies(), 1.0 / DT), d.bodyAngVel());
        assertArrayEquals(recordedVel, recorded.dofVel(), "the library it came from is unchanged");
        // The analytic motion is smooth: inside the clip central differences match its exact velocities to O(dt^2).
        double worst = 0, scale = 0;
        for (int i = d.dofs(); i < (d.frames() - 1) * d.dofs(); i++) {
            worst = Math.max(worst, Math.abs(d.dofVel()[i] - recorded.dofVel()[i]));
            scale = Math.max(scale, Math.abs(recorded.dofVel()[i]));
        }
        assertTrue(worst < 0.02 * scale, worst + " of " + scale);
    }

    @Test
    void velocitiesFromPositionsLoadTheDerivedLibrary() throws Exception {
        Path a = isaacLab("a.npz", MotionFixtures.clip(50, 101));
        MotionLibrary fromFile = library(List.of(a), List.of(1.0));
        assertTrue(fromFile.clips().get(0).kinematics().velocitiesFromFile());
        MotionSettings s = MotionSettings.fromConfig(ConfigFactory.parseString("amp.motion { motion-files = [\"" + a
                + "\"], velocities = positions }").withFallback(ConfigFactory.defaultReference()));
        assertEquals(MotionSettings.Velocities.POSITIONS, s.velocities());
        KinematicClip loaded = MotionLibrary.load(s, OstrichLayout.LAYOUT, DT).clips().get(0).kinematics();
        KinematicClip derived = fromFile.withVelocitiesFromPositions().clips().get(0).kinematics();
        assertFalse(loaded.velocitiesFromFile());
        assertArrayEquals(derived.dofVel(), loaded.dofVel());
        assertArrayEquals(derived.bodyLinVel(), loaded.bodyLinVel());
        assertArrayEquals(derived.bodyAngVel(), loaded.bodyAngVel());
        assertArrayEquals(fromFile.clips().get(0).kinematics().dofPos(), loaded.dofPos());
    }

    @Test
    void samplingIsDeterministicAndResumable() throws Exception {
        MotionLibrary lib = library(List.of(isaacLab("a.npz", MotionFixtures.clip(30, 61)),
                isaacLab("b.npz", MotionFixtures.clip(60, 50))), List.of(1.0, 2.0));
        int d = ostrich22.dim();
        float[] a = new float[100 * d];
        float[] a2 = new float[100 * d];
        float[] b = new float[100 * d];
        float[] b2 = new float[100 * d];
        new ExpertPairSampler(lib, ostrich22, 42L).sample(100, a, a2);
        new ExpertPairSampler(lib, ostrich22, 42L).sample(100, b, b2);
        assertArrayEquals(a, b);
        assertArrayEquals(a2, b2);
        float[] c = new float[100 * d];
        new ExpertPairSampler(lib, ostrich22, 43L).sample(100, c, new float[100 * d]);
        assertFalse(Arrays.equals(a, c), "another seed, other pairs");

        // Checkpoint after 40 pairs; a fresh sampler seeked there draws the remaining 60 identically.
        ExpertPairSampler first = new ExpertPairSampler(lib, ostrich22, 42L);
        first.sample(40, new float[40 * d], new float[40 * d]);
        long pos = first.position();
        ExpertPairSampler resumed = new ExpertPairSampler(lib, ostrich22, 42L);
        resumed.seek(pos);
        float[] rest = new float[60 * d];
        resumed.sample(60, rest, new float[60 * d]);
        assertArrayEquals(Arrays.copyOfRange(a, 40 * d, 100 * d), rest);
    }

    @Test
    void clipsAreDrawnInProportionToTheirWeights() throws Exception {
        KinematicClip slow = MotionFixtures.clip(50, 51);
        MotionLibrary lib = library(List.of(isaacLab("a.npz", slow), isaacLab("b.npz", slow)), List.of(1.0, 3.0));
        RandomStream rng = RandomStream.of(1L, "test");
        int[] count = new int[2];
        for (int i = 0; i < 40000; i++) {
            count[lib.pickClip(rng.nextDouble())]++;
        }
        assertEquals(0.25, count[0] / 40000.0, 0.01);
        assertEquals(0.75, count[1] / 40000.0, 0.01);
    }

    @Test
    void jointsAreMappedByNameWhateverTheFileOrder() throws Exception {
        KinematicClip ref = MotionFixtures.clip(50, 60);
        List<String> shuffled = new ArrayList<>(OstrichLayout.JOINTS);
        Collections.reverse(shuffled);
        Path ordered = dir.resolve("ordered.npy");
        Path reversed = dir.resolve("reversed.npy");
        MotionFixtures.writeAmpRslRl(MotionFixtures.ampRslRlDict(ref, OstrichLayout.JOINTS), ordered, 4);
        MotionFixtures.writeAmpRslRl(MotionFixtures.ampRslRlDict(ref, shuffled), reversed, 4);
        int d = ostrich22.dim();
        float[] x = new float[50 * d];
        float[] y = new float[50 * d];
        new ExpertPairSampler(library(List.of(ordered), List.of(1.0)), ostrich22, 3L).sample(50, x, new float[50 * d]);
        new ExpertPairSampler(library(List.of(reversed), List.of(1.0)), ostrich22, 3L).sample(50, y, new float[50 * d]);
        assertArrayEquals(x, y);

        // A root-only file cannot feed body terms, nor reference-state init.
        MotionLibrary rootOnly = library(List.of(ordered), List.of(1.0));
        MotionFileException e = assertThrows(MotionFileException.class, () -> new ExpertPairSampler(rootOnly, softTrack, 1L));
        assertTrue(e.getMessage().contains("needs body poses"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MotionReferenceStates(rootOnly));
    }

    @Test
    void rootOnlyClipsAreCompletedByForwardKinematics() throws Exception {
        KinematicClip ref = MotionFixtures.clip(50, 60);
        Path p = dir.resolve("root.npy");
        MotionFixtures.writeAmpRslRl(MotionFixtures.ampRslRlDict(ref, OstrichLayout.JOINTS), p, 4);
        // The fixture's bodies hang rigidly off the root: that is its forward kinematics.
        java.util.function.Consumer<KinematicFrame> fk = f -> {
            for (int b = 0; b < 7; b++) {
                double[] o = MotionFixtures.OFFSET[b];
                double[] r = new double[3];
                dev.ampj.sim.terms.FrameMath.rotate(f.rootQuat, 0, o[0], o[1], o[2], r, 0);
                for (int i = 0; i < 3; i++) {
                    f.bodyPos[3 * b + i] = f.rootPos[i] + r[i];
                }
                System.arraycopy(f.rootQuat, 0, f.bodyQuat, 4 * b, 4);
            }
        };
        MotionSettings s = MotionSettings.defaults().withFiles(List.of(p.toString()));
        MotionLibrary lib = MotionLibrary.load(s, OstrichLayout.LAYOUT, DT, fk);
        assertEquals(7, lib.clips().get(0).kinematics().bodies());
        KinematicFrame got = new KinematicFrame(OstrichLayout.LAYOUT);
        lib.frame(0, 17, got);
        KinematicFrame want = analyticFrame(17);
        assertArrayEquals(want.bodyPos, got.bodyPos, 1e-12);
        assertArrayEquals(want.bodyQuat, got.bodyQuat, 1e-12);
        new ExpertPairSampler(lib, softTrack, 1L); // body terms now work
        new MotionReferenceStates(lib);
    }

    @Test
    void missingAndExtraJointsAreListed() throws Exception {
        KinematicClip ref = MotionFixtures.clip(50, 60);
        java.util.Map<String, Object> dict = MotionFixtures.ampRslRlDict(ref, OstrichLayout.JOINTS);
        List<String> names = new ArrayList<>(OstrichLayout.JOINTS);
        names.set(1, "left_knee_pitch");
        dict.put("joints_list", new ArrayList<Object>(names));
        Path p = dir.resolve("renamed.npy");
        MotionFixtures.writeAmpRslRl(dict, p, 4);
        MotionFileException e = assertThrows(MotionFileException.class, () -> library(List.of(p), List.of(1.0)));
        assertTrue(e.getMessage().contains("missing [left_knee], extra [left_knee_pitch]"), e.getMessage());
    }

    @Test
    void jointOffsetsAreAddedOnLoad() throws Exception {
        Path p = isaacLab("a.npz", MotionFixtures.clip(50, 20));
        MotionSettings s = MotionSettings.fromConfig(ConfigFactory.parseString(
                "amp.motion { motion-files = [\"" + p + "\"], joint-offsets { left_knee = 0.25 } }")
                .withFallback(ConfigFactory.defaultReference()));
        MotionLibrary lib = MotionLibrary.load(s, OstrichLayout.LAYOUT, DT);
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        lib.frame(0, 3, f);
        assertEquals(MotionFixtures.jointPos(1, 3 * DT) + 0.25, f.jointPos[1], 1e-12);
        assertEquals(MotionFixtures.jointPos(0, 3 * DT), f.jointPos[0], 1e-12);
        MotionSettings bad = MotionSettings.fromConfig(ConfigFactory.parseString(
                "amp.motion { motion-files = [\"" + p + "\"], joint-offsets { tail = 0.25 } }")
                .withFallback(ConfigFactory.defaultReference()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MotionLibrary.load(bad, OstrichLayout.LAYOUT, DT));
        assertTrue(e.getMessage().contains("'tail' is not a joint"), e.getMessage());
    }

    @Test
    void clipsAreResampledToTheControlRate() throws Exception {
        MotionLibrary lib = library(List.of(isaacLab("a.npz", MotionFixtures.clip(30, 61))), List.of(1.0));
        KinematicClip k = lib.clips().get(0).kinematics();
        assertEquals(50.0, k.fps());
        assertEquals(101, k.frames());
        assertEquals(2.0, k.duration(), 1e-12);
    }

    @Test
    void ampStateFilesMustMatchTheObservation() throws Exception {
        Path p = dir.resolve("amp.npz");
        double[] v = new double[21 * 22];
        for (int i = 0; i < 21; i++) {
            for (int j = 0; j < 22; j++) {
                v[i * 22 + j] = i + j / 100.0;
            }
        }
        new NpzWriter(false).add(NpyArray.ofFloat32("amp_states", new int[] {21, 22}, v))
                .add(NpyArray.ofFloat64("dt", new int[0], new double[] {0.01})).write(p);
        MotionLibrary lib = library(List.of(p), List.of(1.0));
        AmpStateSequence s = lib.clips().get(0).states();
        assertEquals(11, s.frames(), "0.2 s recorded at 100 Hz → 11 frames at 50 Hz");
        assertEquals(2.0f, s.states()[22], 1e-6f, "frame 1 at 50 Hz is frame 2 at 100 Hz");
        ExpertPairSampler sampler = new ExpertPairSampler(lib, ostrich22, 5L);
        float[] a = new float[22 * 10];
        float[] b = new float[22 * 10];
        sampler.sample(10, a, b);
        for (int i = 0; i < 10; i++) {
            assertEquals(a[i * 22] + 2.0f, b[i * 22], 1e-5f, "s' is the next 50 Hz state");
        }
        MotionFileException e = assertThrows(MotionFileException.class, () -> new ExpertPairSampler(lib, softTrack, 1L));
        assertTrue(e.getMessage().contains("holds 22-dim AMP states but the configured AMP observation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MotionReferenceStates(lib));
    }

    @Test
    void referenceStatesAreLibraryFrames() throws Exception {
        MotionLibrary lib = library(List.of(isaacLab("a.npz", MotionFixtures.clip(50, 101))), List.of(1.0));
        MotionReferenceStates rsi = new MotionReferenceStates(lib);
        KinematicFrame got = new KinematicFrame(OstrichLayout.LAYOUT);
        RandomStream rng = RandomStream.of(9L, "reset", 3);
        rsi.sample(rng, got);
        RandomStream replay = RandomStream.of(9L, "reset", 3);
        replay.nextDouble();
        int k = replay.nextInt(101);
        KinematicFrame want = analyticFrame(k);
        assertArrayEquals(want.jointPos, got.jointPos, 1e-12);
        assertArrayEquals(want.bodyQuat, got.bodyQuat, 1e-12);
        assertArrayEquals(want.rootLinVel, got.rootLinVel, 1e-12);
        assertEquals(rng.position(), replay.position());
    }

    @Test
    void settingsRejectUnknownKeysAndBadWeights() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MotionSettings.fromConfig(
                ConfigFactory.parseString("amp.motion { motion_files = [] }").withFallback(ConfigFactory.defaultReference())));
        assertTrue(e.getMessage().contains("unknown key(s) [motion_files]; known keys: [motion-files"), e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> MotionSettings.fromConfig(
                ConfigFactory.parseString("amp.motion { motion-files = [a, b], weights = [1] }").withFallback(ConfigFactory.defaultReference())));
        assertTrue(w.getMessage().contains("weights has 1 values but motion-files lists 2"), w.getMessage());
        IllegalArgumentException q = assertThrows(IllegalArgumentException.class, () -> MotionSettings.fromConfig(
                ConfigFactory.parseString("amp.motion { quat-order = zyxw }").withFallback(ConfigFactory.defaultReference())));
        assertTrue(q.getMessage().contains("'zyxw' is not one of [wxyz, xyzw]"), q.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> MotionSettings.fromConfig(
                ConfigFactory.parseString("amp.motion { velocities = derived }").withFallback(ConfigFactory.defaultReference())));
        assertEquals("amp.motion.velocities = derived: expected file or positions", v.getMessage());
        MotionSettings d = MotionSettings.defaults();
        assertEquals(d.motionFiles().size(), d.weights().size());
    }

    @Test
    void emptyOrTooShortLibrariesAreRefused() throws Exception {
        MotionSettings none = MotionSettings.defaults().withFiles(List.of());
        assertThrows(IllegalArgumentException.class, () -> MotionLibrary.load(none, OstrichLayout.LAYOUT, DT));
        Path one = isaacLab("one.npz", MotionFixtures.clip(50, 1));
        MotionFileException e = assertThrows(MotionFileException.class, () -> library(List.of(one), List.of(1.0)));
        assertTrue(e.getMessage().contains("expert pairs need at least 2"), e.getMessage());
    }
}
