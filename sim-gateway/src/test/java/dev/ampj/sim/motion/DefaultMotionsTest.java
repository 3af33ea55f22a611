package dev.ampj.sim.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.common.RandomStream;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.motion.formats.IsaacLabFormat;
import dev.ampj.sim.motion.record.GaitRecorder;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import dev.ampj.sim.terms.KinematicFrame;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default configuration needs no file from the user: the bundled ostrich gaits load and sample. */
class DefaultMotionsTest {

    @Test
    void bundledGaitsLoadWithTheDefaultSettings() throws Exception {
        SimSettings sim = SimSettings.defaults();
        MotionSettings settings = MotionSettings.defaults();
        assertEquals(List.of("classpath:motions/ostrich_walk.npz", "classpath:motions/ostrich_march.npz"), settings.motionFiles());
        MotionLibrary lib = MotionLibrary.load(settings, OstrichLayout.LAYOUT, sim.controlDt());
        assertEquals(2, lib.size());
        for (LibraryClip c : lib.clips()) {
            assertEquals(MotionFormat.ISAACLAB, c.format());
            assertTrue(c.source().startsWith("classpath:motions/ostrich_"), c.source());
            assertEquals(501, c.frames(), c.source());
            assertTrue(c.kinematics().warnings().isEmpty(), c.kinematics().warnings().toString());
        }
        AmpObservation obs = AmpTermRegistry.resolve(sim.observations().ampTerms(), sim.observations().keyBodies(), OstrichLayout.LAYOUT);
        ExpertPairSampler sampler = new ExpertPairSampler(lib, obs, 1L);
        float[] s = new float[16 * obs.dim()];
        float[] s2 = new float[16 * obs.dim()];
        sampler.sample(16, s, s2);
        for (int i = 0; i < 16; i++) {
            float height = s[i * obs.dim() + obs.offsetOf("root_height")];
            assertTrue(height > 0.9f && height < 1.3f, "standing torso height, got " + height);
        }
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        new MotionReferenceStates(lib).sample(RandomStream.of(1L, "reset"), f);
        assertTrue(f.isFinite());
    }

    /**
     * The bundled gaits are what the default engine records today ({@code amp motion record --gait walk
     * --speed 1.0 --seconds 10}, march at 0.5 m/s, 4 s warm-up): if the robot, its PD gains or the
     * physics change, this fails until they are re-recorded.
     */
    @Test
    void bundledGaitsAreTheDefaultEnginesRecordings(@TempDir Path dir) throws Exception {
        SimSettings sim = SimSettings.defaults();
        for (String[] g : new String[][] {{"walk", "1.0"}, {"march", "0.5"}}) {
            Path file = dir.resolve(g[0] + ".npz");
            IsaacLabFormat.write(GaitRecorder.record(sim, g[0], Double.parseDouble(g[1]), 10, 4), file);
            byte[] bundled;
            try (InputStream in = DefaultMotionsTest.class.getResourceAsStream("/motions/ostrich_" + g[0] + ".npz")) {
                bundled = in.readAllBytes();
            }
            assertArrayEquals(bundled, Files.readAllBytes(file), "classpath:motions/ostrich_" + g[0] + ".npz is stale: re-record it");
        }
    }

    @Test
    void theTwoGaitsAreDistinct() throws Exception {
        MotionLibrary lib = MotionLibrary.load(MotionSettings.defaults(), OstrichLayout.LAYOUT, 0.02);
        KinematicClip walk = lib.clips().get(0).kinematics();
        KinematicClip march = lib.clips().get(1).kinematics();
        assertTrue(mean(march, 1) > mean(walk, 1) + 0.2, "the march keeps its knees more bent: " + mean(march, 1) + " vs " + mean(walk, 1));
        assertTrue(speed(walk) > speed(march) + 0.3, "the walk is faster: " + speed(walk) + " vs " + speed(march));
    }

    private static double mean(KinematicClip c, int joint) {
        double s = 0;
        for (int f = 0; f < c.frames(); f++) {
            s += c.dofPos()[f * c.dofs() + joint];
        }
        return s / c.frames();
    }

    private static double speed(KinematicClip c) {
        return (c.bodyPos()[(c.frames() - 1) * c.bodies() * 3] - c.bodyPos()[0]) / c.duration();
    }
}
