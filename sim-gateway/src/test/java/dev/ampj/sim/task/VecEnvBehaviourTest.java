package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.ostrich.OdeOstrich;
import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.ostrich.ReducedOstrich;
import dev.ampj.sim.robot.OdeEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task behaviour of the ostrich VecEnv: spec, standing, terminal observations, timeouts, bad input, NaN states. */
class VecEnvBehaviourTest {

    static SimSettings with(String hocon) {
        return SimSettings.fromConfig(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve());
    }

    static long[] hashes(BatchVecEnv env) {
        long[] h = new long[env.numEnvs()];
        for (int i = 0; i < h.length; i++) {
            h[i] = Scripts.fold(0, env, i);
        }
        return h;
    }

    @Test
    void specDescribesTheGroups() {
        VecEnvSpec spec = VelocityTaskVecEnvs.spec(SimSettings.defaults());
        assertEquals(6, spec.actionDim());
        assertEquals(28, spec.policyDim());
        assertEquals(31, spec.criticDim());
        assertEquals(4 * 22, spec.ampDim(), "four frames of ostrich22 (amp-history-length = auto)");
        assertEquals("ampj-reduced 1", spec.engine());
        assertEquals("ode4j 0.5.3", VelocityTaskVecEnvs.spec(with("amp.sim.engine = ode4j")).engine());
        assertEquals(OdeEngine.VERSION, "0.5.3");
        assertEquals(9, spec.policy().slice("velocity_command").offset());
        assertEquals(List.of("root_height", "projected_gravity", "joint_pos", "root_lin_vel_w", "root_ang_vel_w",
                "joint_vel", "amp_history"), spec.amp().slices().stream().map(s -> s.term()).toList());
        assertEquals(0.02, spec.controlDt(), 1e-12);
        assertEquals(1000, spec.maxEpisodeSteps());
    }

    @Test
    void anExternalSimulatorsSpecHasSingleFrameAmpRows() {
        var e = assertThrows(IllegalArgumentException.class, () -> VelocityTaskVecEnvs.spec(SimSettings.defaults(), "external (test)"));
        assertTrue(e.getMessage().startsWith("amp.sim.observations.amp-history-length = 4: an external simulator writes "
                + "single-frame AMP rows"), e.getMessage());
        assertEquals(22, VelocityTaskVecEnvs.spec(with("amp.sim.engine = external"), "external (test)").ampDim());
    }

    @Test
    void observationWidthsFollowTheHistorySettingsAndBadTermsAreNamed() {
        VecEnvSpec spec = VelocityTaskVecEnvs.spec(with(
                "amp.sim.observations.policy { history-length = 5, last_action.history-length = 1 }"));
        assertEquals(5 * 22 + 6, spec.policyDim());
        assertEquals(31, spec.criticDim());
        assertEquals(4 * 22, spec.ampDim(), "the policy's history does not reach the AMP group (its own: 4 frames)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VelocityTaskVecEnvs.spec(with("amp.sim.observations.policy.joint_pos.noise = 0.01")));
        assertTrue(e.getMessage().contains("amp.sim.observations.policy.joint_pos")
                && e.getMessage().contains("joint_pos_rel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VelocityTaskVecEnvs.spec(with("amp.sim.observations.policy.foot_contact.noise = 0.01")));
        assertTrue(e.getMessage().contains("amp.sim.observations.policy.foot_contact"), e.getMessage());
        // a link of no mass is no body: the factor's range must stay above 0
        e = assertThrows(IllegalArgumentException.class, () -> with("amp.sim.randomization.mass-scale = [0, 1.2]"));
        assertTrue(e.getMessage().contains("amp.sim.randomization.mass-scale"), e.getMessage());
    }

    @Test
    void zeroActionsStandForFiveSeconds() {
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, EnvIds.range(0, 4))) {
            StepBuffers b = env.buffers();
            float[] zero = new float[4 * 6];
            for (int t = 0; t < 250; t++) {
                env.step(zero);
                for (int i = 0; i < 4; i++) {
                    assertFalse(b.done(i), "env " + i + " fell at step " + t);
                    assertTrue(b.rewards[i] > 0.5, "alive + upright reward while standing, got " + b.rewards[i]);
                }
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(250, b.episodeSteps[i]);
                float h = b.ampObs[i * 22];
                assertTrue(h > 1.0 && h < 1.15, "torso height while standing " + h);
                assertEquals(-1, b.ampObs[i * 22 + 3], 0.01, "projected gravity z");
            }
        }
    }

    @Test
    void theFree3dRobotStandsAndRestoresExactly() {
        SimSettings free = with("amp.sim { engine = ode4j, planar = false }");
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(free, 7, EnvIds.range(0, 2))) {
            float[] zero = new float[12];
            for (int t = 0; t < 100; t++) {
                env.step(zero);
                assertFalse(env.buffers().done(0) || env.buffers().done(1), "3D robot fell at step " + t);
            }
            byte[] snap = env.snapshot();
            float[] a = new float[12];
            for (int j = 0; j < 12; j++) {
                a[j] = 0.3f * (j % 3 - 1);
            }
            for (int t = 0; t < 20; t++) {
                env.step(a);
            }
            long[] after = hashes(env);
            env.restore(snap);
            for (int t = 0; t < 20; t++) {
                env.step(a);
            }
            assertArrayEquals(after, hashes(env));
        }
    }

    @Test
    void endedEpisodesReportTheReachedStateThenReset() {
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, EnvIds.range(0, 2))) {
            StepBuffers b = env.buffers();
            float[] fall = new float[12];
            for (int j = 0; j < 6; j++) {
                fall[j] = j % 3 == 1 ? 1f : -1f; // env 0 folds its knees and collapses
            }
            int t = 0;
            while (!b.done(0)) {
                assertTrue(++t < 200, "a collapsing robot must terminate");
                env.step(fall);
            }
            assertTrue(b.terminated[0] && !b.timedOut[0] && !b.nanTerminated[0]);
            assertEquals(0, b.episodeIds[0], "the step belonged to episode 0");
            float reachedHeight = b.terminalAmpObs[0];
            float resetHeight = b.ampObs[0];
            float reachedGz = b.terminalAmpObs[3];
            assertTrue(reachedHeight < 0.75f || reachedGz > -Math.cos(1.0),
                    "terminal AMP state is the fallen one: height " + reachedHeight + ", gravity z " + reachedGz);
            assertTrue(resetHeight > 1.0f, "observation is the next episode's first: " + resetHeight);
            assertEquals(reachedHeight, b.terminalCriticObs[28], 0f, "critic root_height of the reached state");
            assertEquals(0, b.episodeSteps[0]);
            assertEquals(0, b.rewardTerms[1], 0f, "no alive reward on failure");
            assertFalse(b.done(1), "env 1 unaffected");
            env.step(new float[12]);
            assertEquals(1, b.episodeIds[0], "next step belongs to episode 1");
        }
    }

    @Test
    void timeoutsAreNotFailures() {
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(with("amp.sim.episode-length-s = 0.2"), 7, new int[] {5})) {
            StepBuffers b = env.buffers();
            for (int t = 0; t < 9; t++) {
                env.step(new float[6]);
                assertFalse(b.done(0));
            }
            env.step(new float[6]);
            assertTrue(b.timedOut[0] && !b.terminated[0]);
            assertTrue(b.terminalCriticObs[28] > 1.0f, "timeout critic obs is the standing state");
            assertEquals(0.5, b.rewardTerms[1], 0f, "weighted alive reward on a timeout step");
        }
    }

    @Test
    void badActionsAreRejectedAndLeaveEveryEnvUnchanged() {
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, EnvIds.range(10, 3))) {
            env.step(new float[18]);
            long[] before = hashes(env);
            byte[] snap = env.snapshot();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(new float[17]));
            assertTrue(e.getMessage().contains("expected 18"), e.getMessage());
            float[] a = new float[18];
            a[13] = Float.NaN;
            e = assertThrows(IllegalArgumentException.class, () -> env.step(a));
            assertTrue(e.getMessage().contains("env 12") && e.getMessage().contains("NaN"), e.getMessage());
            a[13] = Float.POSITIVE_INFINITY;
            assertThrows(IllegalArgumentException.class, () -> env.step(a));
            assertThrows(IllegalArgumentException.class, () -> env.step(null));
            e = assertThrows(IllegalArgumentException.class, () -> env.reset(new int[] {10, 99}));
            assertTrue(e.getMessage().contains("99"), e.getMessage());
            assertArrayEquals(before, hashes(env));
            assertArrayEquals(snap, env.snapshot());
        }
    }

    @Test
    void resetStartsTheNextEpisodeOfTheNamedEnvsOnly() {
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, EnvIds.range(10, 3))) {
            env.step(new float[18]);
            env.reset(new int[] {11});
            StepBuffers b = env.buffers();
            assertEquals(1, b.episodeIds[1]);
            assertEquals(0, b.episodeSteps[1]);
            assertEquals(0, b.episodeIds[0]);
            assertEquals(1, b.episodeSteps[0]);
            // the same env id and episode always start from the same state and command
            try (BatchVecEnv other = VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, new int[] {11})) {
                other.reset(new int[] {11});
                assertEquals(((VelocityTaskEnv) env.member(1)).stateHash(), ((VelocityTaskEnv) other.member(0)).stateHash());
            }
        }
    }

    @Test
    void aNonFiniteEngineStateTerminatesThatEnvWithAFlag() {
        for (String engine : SimSettings.ENGINES) {
            aNonFiniteEngineStateTerminatesThatEnvWithAFlag(with("amp.sim.engine = " + engine));
        }
    }

    private static void aNonFiniteEngineStateTerminatesThatEnvWithAFlag(SimSettings settings) {
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(settings, 7, EnvIds.range(0, 2))) {
            env.step(new float[12]);
            StepBuffers b = env.buffers();
            float[] ampBefore = java.util.Arrays.copyOfRange(b.ampObs, 0, 22);
            OstrichRobot robot = ((VelocityTaskEnv) env.member(0)).robot();
            if (robot instanceof ReducedOstrich reduced) {
                reduced.stepper().qd()[4] = Double.NaN;
            } else {
                ((OdeOstrich) robot).body(2).setLinearVel(Double.NaN, 0, 0);
            }
            env.step(new float[12]);
            assertTrue(b.terminated[0] && b.nanTerminated[0] && !b.timedOut[0]);
            assertArrayEquals(ampBefore, java.util.Arrays.copyOfRange(b.terminalAmpObs, 0, 22), 0f,
                    "a diverged step reports (s, s)");
            assertEquals(0f, b.rewards[0]);
            for (float v : b.policyObs) {
                assertTrue(Float.isFinite(v));
            }
            for (float v : b.ampObs) {
                assertTrue(Float.isFinite(v));
            }
            assertEquals(1, ((VelocityTaskEnv) env.member(0)).episode());
            assertFalse(b.done(1));
        }
    }

    @Test
    void theFirstObservationAfterAResetShowsTheNewStatesFootContacts() {
        for (String engine : SimSettings.ENGINES) {
            try (BatchVecEnv env = VelocityTaskVecEnvs.create(with("amp.sim.engine = " + engine), 7, EnvIds.range(0, 1))) {
                StepBuffers b = env.buffers();
                for (int t = 0; t < 50; t++) {
                    env.step(new float[6]);
                }
                assertEquals(1f, b.criticObs[29], engine + ": standing, left foot on the ground");
                assertEquals(1f, b.criticObs[30], engine + ": standing, right foot on the ground");
                env.reset(new int[] {0});
                // a reset places the feet 1 mm above the ground: no contact in the new state
                assertEquals(0f, b.criticObs[29], engine + ": left foot after the reset");
                assertEquals(0f, b.criticObs[30], engine + ": right foot after the reset");
            }
        }
    }

    @Test
    void snapshotsFromAnotherEngineVersionOrSetupAreRefused() {
        try (BatchVecEnv ode = VelocityTaskVecEnvs.create(with("amp.sim.engine = ode4j"), 7, EnvIds.range(0, 2))) {
            ode.step(new float[12]);
            byte[] snap = ode.snapshot();
            byte[] other = replaceVersion(snap, "0.5.3", "0.5.4");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ode.restore(other));
            assertTrue(e.getMessage().contains("ode4j 0.5.4") && e.getMessage().contains("0.5.3"), e.getMessage());
            try (BatchVecEnv reduced = VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, EnvIds.range(0, 2))) {
                e = assertThrows(IllegalArgumentException.class, () -> reduced.restore(snap));
                assertTrue(e.getMessage().contains("ode4j") && e.getMessage().contains("ampj-reduced"), e.getMessage());
            }
        }
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, EnvIds.range(0, 2))) {
            env.step(new float[12]);
            byte[] snap = env.snapshot();
            long[] before = hashes(env);
            // the engine version "1" follows the name "ampj-reduced" and its own 4-byte length
            byte[] other = replaceVersion(snap, "ampj-reduced", "ampj-reduced");
            other[indexOf(other, "ampj-reduced") + "ampj-reduced".length() + 4] = '2';
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.restore(other));
            assertTrue(e.getMessage().contains("ampj-reduced 2") && e.getMessage().contains("ampj-reduced 1"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> env.restore(java.util.Arrays.copyOf(snap, snap.length - 5)));
            assertTrue(e.getMessage().contains("state bytes") || e.getMessage().contains("truncated"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.restore(new byte[3]));
            try (BatchVecEnv shifted = VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, EnvIds.range(1, 2))) {
                e = assertThrows(IllegalArgumentException.class, () -> shifted.restore(snap));
                assertTrue(e.getMessage().contains("env ids"), e.getMessage());
            }
            try (BatchVecEnv reseeded = VelocityTaskVecEnvs.create(SimSettings.defaults(), 8, EnvIds.range(0, 2))) {
                e = assertThrows(IllegalArgumentException.class, () -> reseeded.restore(snap));
                assertTrue(e.getMessage().contains("seed"), e.getMessage());
            }
            try (BatchVecEnv retuned = VelocityTaskVecEnvs.create(with("amp.sim.pd.kp = [200, 300, 300]"), 7,
                    EnvIds.range(0, 2))) {
                e = assertThrows(IllegalArgumentException.class, () -> retuned.restore(snap));
                assertTrue(e.getMessage().contains("settings"), e.getMessage());
            }
            byte[] nan = snap.clone();
            ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putDouble(nan.length - 8, Double.NaN);
            e = assertThrows(IllegalArgumentException.class, () -> env.restore(nan));
            assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
            assertArrayEquals(before, hashes(env), "a refused restore changes nothing");
        }
    }

    @Test
    void referenceStateInitWithoutAMotionIsAConfigError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VelocityTaskVecEnvs.create(with("amp.sim.init.reference-state-init = 0.5"), 7, new int[] {0}, null));
        assertTrue(e.getMessage().contains("amp.sim.init.reference-state-init"), e.getMessage());
        // Built without reference motion on purpose: every reset from the default pose.
        try (var env = VelocityTaskVecEnvs.create(with("amp.sim.init.reference-state-init = 1.0"), 7, new int[] {0});
                var plain = VelocityTaskVecEnvs.create(with("amp.sim.init.reference-state-init = 0.0"), 7, new int[] {0})) {
            assertEquals(((VelocityTaskEnv) plain.member(0)).stateHash(), ((VelocityTaskEnv) env.member(0)).stateHash());
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> VelocityTaskVecEnvs.spec(with("amp.sim.observations.amp-terms = [ostrich23]")));
        assertTrue(e.getMessage().contains("ostrich23") && e.getMessage().contains("ostrich22"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VelocityTaskVecEnvs.create(SimSettings.defaults(), 7, new int[] {1, 1}));
    }

    private static int indexOf(byte[] snap, String s) {
        byte[] f = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + f.length <= snap.length; i++) {
            if (java.util.Arrays.equals(snap, i, i + f.length, f, 0, f.length)) {
                return i;
            }
        }
        throw new AssertionError(s + " not found in snapshot");
    }

    private static byte[] replaceVersion(byte[] snap, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        byte[] out = snap.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
                return out;
            }
        }
        throw new AssertionError("version string not found in snapshot");
    }
}
