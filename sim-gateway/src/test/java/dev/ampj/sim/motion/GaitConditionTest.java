package dev.ampj.sim.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.ostrich.OstrichMirror;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gait condition of the AMP states: the clip nearest the command for the env, the pair's own
 * clip for the reference, appended after the motion terms without changing them.
 */
class GaitConditionTest {

    private static SimSettings on;
    private static SimSettings off;
    private static MotionLibrary library;
    private static GaitCondition condition;
    private static AmpObservation amp;

    @BeforeAll
    static void load() throws Exception {
        // single-frame AMP states: the condition's columns follow the frame's
        String rsi = "amp.sim.init.reference-state-init = 0.5\namp.sim.observations.amp-history-length = 1\n";
        on = SimSettings.fromConfig(ConfigFactory.parseString(rsi + "amp.sim.observations.amp-gait-condition = true")
                .withFallback(ConfigFactory.defaultReference()));
        off = SimSettings.fromConfig(ConfigFactory.parseString(rsi + "amp.sim.observations.amp-gait-condition = false")
                .withFallback(ConfigFactory.defaultReference()));
        library = MotionLibrary.load(MotionSettings.defaults(), OstrichLayout.LAYOUT, on.controlDt());
        condition = GaitConditions.of(library);
        amp = AmpTermRegistry.resolve(on.observations().ampTerms(), on.observations().keyBodies(), OstrichLayout.LAYOUT);
    }

    @Test
    void classesAreTheClipsAtTheirMeanSpeeds() {
        assertEquals(2, condition.width());
        assertEquals(0.956, condition.speed(0), 0.01, "walk clip " + condition);
        assertEquals(0.497, condition.speed(1), 0.01, "march clip " + condition);
        assertEquals(1, condition.classOf(0.4));
        assertEquals(1, condition.classOf(0.72));
        assertEquals(0, condition.classOf(0.73));
        assertEquals(0, condition.classOf(1.5));
        GaitCondition tie = GaitCondition.of(List.of("a", "b", "c"), new double[] {1.0, 0.5, 0.5});
        assertEquals(1, tie.classOf(0.5), "a tie goes to the lower index");
        assertEquals(0, tie.classOf(0.75), "equally far from 1.0 and 0.5: the lower index");
        float[] row = {9, 9, 9, 9, 9};
        tie.write(2, row, 1);
        assertArrayEquals(new float[] {9, 0, 0, 1, 9}, row);
    }

    @Test
    void envRowsCarryTheCommandsGaitAndUnchangedMotion() {
        int[] ids = {0, 1, 2, 3, 4, 5, 6, 7};
        try (VecEnv plain = VelocityTaskVecEnvs.create(off, 5L, ids, new MotionReferenceStates(library));
                VecEnv cond = VelocityTaskVecEnvs.create(on, 5L, ids, new MotionReferenceStates(library), condition)) {
            int d = amp.dim();
            assertEquals(d, plain.spec().ampDim());
            assertEquals(d + 2, cond.spec().ampDim());
            ObsGroupSpec.Slice c = cond.spec().amp().find(GaitCondition.TERM);
            assertEquals(d, c.offset());
            int cmd = cond.spec().policy().find("velocity_command").offset();
            float[] actions = new float[ids.length * 6];
            int terminal = 0;
            for (int step = 0; step < 400; step++) {
                checkRows(plain.buffers().ampObs, cond.buffers().ampObs, cond.buffers().policyObs, cond.spec().policyDim(), cmd, ids.length, d);
                Arrays.fill(actions, step % 7 == 0 ? 1.5f : -0.3f); // stumbles: episodes end
                float[] commandsBefore = commands(cond.buffers().policyObs, cond.spec().policyDim(), cmd, ids.length);
                plain.step(actions);
                cond.step(actions);
                for (int e = 0; e < ids.length; e++) {
                    if (cond.buffers().terminated[e] || cond.buffers().timedOut[e]) {
                        terminal++;
                        assertArrayEquals(Arrays.copyOfRange(plain.buffers().terminalAmpObs, e * d, e * d + d),
                                Arrays.copyOfRange(cond.buffers().terminalAmpObs, e * (d + 2), e * (d + 2) + d));
                        float[] expected = new float[2];
                        condition.write(condition.classOf(commandsBefore[e]), expected, 0);
                        assertArrayEquals(expected, Arrays.copyOfRange(cond.buffers().terminalAmpObs, e * (d + 2) + d, (e + 1) * (d + 2)),
                                "a terminal row carries the ended episode's gait");
                    }
                }
            }
            assertTrue(terminal > 0, "some episodes ended");
        }
    }

    private static void checkRows(float[] plain, float[] cond, float[] policy, int pd, int cmd, int n, int d) {
        for (int e = 0; e < n; e++) {
            assertArrayEquals(Arrays.copyOfRange(plain, e * d, e * d + d), Arrays.copyOfRange(cond, e * (d + 2), e * (d + 2) + d),
                    "the motion terms do not depend on the condition");
            float[] expected = new float[2];
            condition.write(condition.classOf(policy[e * pd + cmd]), expected, 0);
            assertArrayEquals(expected, Arrays.copyOfRange(cond, e * (d + 2) + d, (e + 1) * (d + 2)), "env " + e);
        }
    }

    private static float[] commands(float[] policy, int pd, int cmd, int n) {
        float[] out = new float[n];
        for (int e = 0; e < n; e++) {
            out[e] = policy[e * pd + cmd];
        }
        return out;
    }

    @Test
    void expertPairsCarryTheirClipsGait() {
        ExpertPairSampler plain = new ExpertPairSampler(library, amp, 3L);
        ExpertPairSampler cond = new ExpertPairSampler(library, amp, condition, 3L);
        int d = amp.dim();
        assertEquals(d + 2, cond.dim());
        int n = 2000;
        float[] s0 = new float[n * d], n0 = new float[n * d], s1 = new float[n * (d + 2)], n1 = new float[n * (d + 2)];
        plain.sample(n, s0, n0);
        cond.sample(n, s1, n1);
        float[][] tables = {ExpertPairSampler.clipStates(library, 0, amp), ExpertPairSampler.clipStates(library, 1, amp)};
        int[] perClip = new int[2];
        for (int i = 0; i < n; i++) {
            float[] s = Arrays.copyOfRange(s1, i * (d + 2), i * (d + 2) + d);
            assertArrayEquals(Arrays.copyOfRange(s0, i * d, i * d + d), s, "same draws as without the condition");
            assertArrayEquals(Arrays.copyOfRange(n0, i * d, i * d + d), Arrays.copyOfRange(n1, i * (d + 2), i * (d + 2) + d));
            int c = s1[i * (d + 2) + d] == 1f ? 0 : 1;
            assertEquals(1f, s1[i * (d + 2) + d + c]);
            assertEquals(0f, s1[i * (d + 2) + d + 1 - c]);
            assertArrayEquals(Arrays.copyOfRange(s1, i * (d + 2) + d, (i + 1) * (d + 2)), Arrays.copyOfRange(n1, i * (d + 2) + d, (i + 1) * (d + 2)));
            assertTrue(inTable(tables[c], s, d), "pair " + i + " is a frame of the clip its condition names");
            perClip[c]++;
        }
        assertTrue(perClip[0] > n / 3 && perClip[1] > n / 3, Arrays.toString(perClip));
    }

    private static boolean inTable(float[] table, float[] row, int d) {
        for (int r = 0; r < table.length / d; r++) {
            if (Arrays.equals(Arrays.copyOfRange(table, r * d, r * d + d), row)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aGaitMirroredIsTheSameGait() {
        ObsGroupSpec spec = VelocityTaskVecEnvs.spec(on, condition).amp();
        int[] map = OstrichMirror.map(spec).orElseThrow();
        int d = amp.dim();
        assertEquals(d + 2, map.length);
        assertEquals(d + 1, map[d]);
        assertEquals(d + 2, map[d + 1]);
    }

    @Test
    void misconfigurationsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> VelocityTaskVecEnvs.spec(on));
        assertTrue(e.getMessage().contains("amp.sim.observations.amp-gait-condition = true"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> VelocityTaskVecEnvs.create(on, 1L, new int[] {0}, new MotionReferenceStates(library)));
        assertTrue(e2.getMessage().contains("amp-gait-condition"), e2.getMessage());
        assertEquals(off.digest(), SimSettings.fromConfig(ConfigFactory.parseString(
                "amp.sim.init.reference-state-init = 0.5\namp.sim.observations { amp-gait-condition = false, amp-history-length = 1 }")
                .withFallback(ConfigFactory.defaultReference())).digest());
        assertTrue(!on.digest().equals(off.digest()), "the condition changes trajectories' AMP rows: it is in the digest");
        SimSettings auto = SimSettings.fromConfig(ConfigFactory.parseString(
                        "amp.sim.init.reference-state-init = 0.5\namp.sim.observations.amp-history-length = 1")
                .withFallback(ConfigFactory.defaultReference()));
        assertEquals(GaitCondition.Mode.AUTO, auto.observations().ampGaitCondition(), "the default");
        assertEquals(amp.dim(), VelocityTaskVecEnvs.spec(auto).ampDim(), "auto without the clips' speeds: no condition");
        assertEquals(amp.dim() + 2, VelocityTaskVecEnvs.spec(auto, condition).ampDim(), "auto with them: conditioned");
        var e4 = assertThrows(IllegalArgumentException.class, () -> SimSettings.fromConfig(ConfigFactory.parseString(
                "amp.sim.observations.amp-gait-condition = maybe").withFallback(ConfigFactory.defaultReference())));
        assertTrue(e4.getMessage().contains("amp.sim.observations.amp-gait-condition = maybe") && e4.getMessage().contains("auto"),
                e4.getMessage());
        AmpStatePairs pairs = new AmpStatePairs("pairs.npy", new float[d()], new float[d()], 1, d(), List.of());
        MotionLibrary stateOnly = MotionLibrary.of(List.of(pairs), List.of(1.0), OstrichLayout.LAYOUT, on.controlDt(), java.util.Map.of());
        var e3 = assertThrows(MotionFileException.class, () -> GaitConditions.of(stateOnly));
        assertTrue(e3.getMessage().contains("pairs.npy") && e3.getMessage().contains("amp-gait-condition"), e3.getMessage());
    }

    private static int d() {
        return amp.dim();
    }
}
