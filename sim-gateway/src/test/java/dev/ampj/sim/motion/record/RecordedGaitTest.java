package dev.ampj.sim.motion.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.motion.ExpertPairSampler;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionLibrary;
import dev.ampj.sim.motion.MotionReferenceStates;
import dev.ampj.sim.motion.MotionSettings;
import dev.ampj.sim.motion.formats.IsaacLabFormat;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import dev.ampj.sim.terms.KinematicFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gaits recorded from the embedded robot: they walk, they differ, and the library reproduces the env's AMP states. */
class RecordedGaitTest {

    @TempDir
    Path dir;

    private final SimSettings sim = SimSettings.defaults();

    @Test
    void expertStatesOfARecordedClipAreTheEnvTermsOnTheSameStates() throws Exception {
        AmpObservation obs = AmpTermRegistry.resolve(List.of("ostrich22", "root_quat_w", "body_pos_b", "body_quat_w",
                "body_lin_vel_w", "body_ang_vel_w"), OstrichLayout.KEY_BODIES, OstrichLayout.LAYOUT);
        List<float[]> live = new ArrayList<>();
        KinematicClip clip = GaitRecorder.record(sim, Gait.WALK_REDUCED, 1.0, 2.0, 2.0, f -> {
            float[] row = new float[obs.dim()];
            obs.compute(f, row, 0); // what the env computes from the engine's frame
            live.add(row);
        });
        Path file = dir.resolve("walk.npz");
        IsaacLabFormat.write(clip, file);
        // the file's velocities: the engine's own, as the env read them
        MotionLibrary lib = MotionLibrary.load(MotionSettings.defaults().withFiles(List.of(file.toString()))
                .withVelocities(MotionSettings.Velocities.FILE), OstrichLayout.LAYOUT, sim.controlDt());
        assertEquals(clip.frames(), lib.clips().get(0).frames(), "recorded at the control rate: no resampling");
        float[] table = ExpertPairSampler.clipStates(lib, 0, obs);
        for (int k = 0; k < live.size(); k++) {
            float[] row = java.util.Arrays.copyOfRange(table, k * obs.dim(), (k + 1) * obs.dim());
            float[] want = live.get(k).clone();
            // x positions are shifted so the clip starts at 0; no term reads absolute x.
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], row[i], 2e-5f * Math.max(1f, Math.abs(want[i])), "frame " + k + " value " + i + " " + obs.describe());
            }
        }
        new MotionReferenceStates(lib).sample(dev.ampj.common.RandomStream.of(1, "reset"), new KinematicFrame(OstrichLayout.LAYOUT));
    }

    /** Each engine records its own gait parameters: a slow high-knee march and a faster walk, both moving forward. */
    @ParameterizedTest
    @ValueSource(strings = {SimSettings.ENGINE_REDUCED, SimSettings.ENGINE_ODE4J})
    void walkAndMarchAreDistinctPhysicalGaits(String engine) {
        SimSettings on = SimSettings.fromConfig(com.typesafe.config.ConfigFactory.parseString("amp.sim.engine = " + engine)
                .withFallback(com.typesafe.config.ConfigFactory.defaultReference()).resolve());
        KinematicClip walk = GaitRecorder.record(on, "walk", 1.0, 6.0, 3.0);
        KinematicClip march = GaitRecorder.record(on, "march", 0.5, 6.0, 3.0);
        assertTrue(walk.source().contains(engine.equals(SimSettings.ENGINE_REDUCED) ? "ampj-reduced" : "ode4j"), walk.source());
        double walkKnee = maxJoint(walk, 1);
        double marchKnee = maxJoint(march, 1);
        assertTrue(marchKnee > walkKnee + 0.5, "march lifts the knee higher: " + marchKnee + " vs " + walkKnee);
        assertTrue(walkKnee > 0.9 && marchKnee > 1.9, "knee lift: walk " + walkKnee + ", march " + marchKnee);
        for (KinematicClip c : List.of(walk, march)) {
            double distance = c.bodyPos()[(c.frames() - 1) * c.bodies() * 3] - c.bodyPos()[0];
            assertTrue(distance / c.duration() > 0.2, c.source() + " moves forward: " + distance / c.duration() + " m/s");
            double ankle = Math.max(maxAbsJoint(c, 2), maxAbsJoint(c, 5));
            assertTrue(ankle <= OstrichGeometry.JOINT_HI[2] + 0.05, c.source() + " keeps its ankles within their limits: " + ankle);
        }
    }

    @Test
    void eachEngineHasItsOwnParametersAndTheOde4jOnesAreThoseOfTheOriginalSearch() {
        assertEquals(Gait.WALK_ODE4J, Gait.named("walk", SimSettings.ENGINE_ODE4J));
        assertEquals(Gait.MARCH_REDUCED, Gait.named("MARCH", SimSettings.ENGINE_REDUCED));
        assertEquals(new Gait("walk", 0.335, 0.681, 1.056, -0.689, 0.556, 0.126, -0.454, 0.053, 0.19, 0.243, 0.06), Gait.WALK_ODE4J);
        assertEquals(new Gait("march", 0.3, 1.0, 2.018, -0.144, -0.062, 0.657, -0.554, -0.15, 0.305, 0.439, -0.03), Gait.MARCH_ODE4J);
        assertTrue(!Gait.WALK_REDUCED.equals(Gait.WALK_ODE4J));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gait.forEngine("bullet"));
        assertTrue(e.getMessage().contains("bullet") && e.getMessage().contains("ode4j"), e.getMessage());
    }

    @Test
    void recordingIsDeterministic() {
        KinematicClip a = GaitRecorder.record(sim, "walk", 1.0, 1.0, 1.0);
        KinematicClip b = GaitRecorder.record(sim, "walk", 1.0, 1.0, 1.0);
        assertArrayEquals(a.bodyPos(), b.bodyPos());
        assertArrayEquals(a.dofVel(), b.dofVel());
    }

    @Test
    void badArgumentsAndUnknownGaits() {
        assertThrows(IllegalArgumentException.class, () -> GaitRecorder.record(sim, "walk", -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GaitRecorder.record(sim, "walk", 1, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gait.named("moonwalk", SimSettings.ENGINE_REDUCED));
        assertTrue(e.getMessage().contains("known gaits: [walk, march]"));
    }

    private static double maxAbsJoint(KinematicClip c, int j) {
        double m = 0;
        for (int f = 0; f < c.frames(); f++) {
            m = Math.max(m, Math.abs(c.dofPos()[f * c.dofs() + j]));
        }
        return m;
    }

    private static double maxJoint(KinematicClip c, int j) {
        double m = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < c.frames(); f++) {
            m = Math.max(m, c.dofPos()[f * c.dofs() + j]);
        }
        return m;
    }
}
