package dev.ampj.sim.ostrich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ostrich's left/right mirror maps, derived from the observation groups' terms. */
class OstrichMirrorTest {

    private static final VecEnvSpec SPEC = VelocityTaskVecEnvs.spec(SimSettings.fromConfig(ConfigFactory.load()));

    @Test
    void policyMapSwapsTheLegsAndNegatesSidewaysRootMotion() {
        int[] expected = {1, -2, 3, -4, 5, -6, 7, -8, 9, 10, 14, 15, 16, 11, 12, 13, 20, 21, 22, 17, 18, 19, 26, 27, 28,
            23, 24, 25};
        assertArrayEquals(expected, OstrichMirror.map(SPEC.policy()).orElseThrow());
    }

    @Test
    void criticMapAlsoSwapsTheFootContacts() {
        int[] m = OstrichMirror.map(SPEC.critic()).orElseThrow();
        assertEquals(SPEC.criticDim(), m.length);
        assertEquals(29, m[28], "root height stays");
        assertEquals(31, m[29]);
        assertEquals(30, m[30]);
    }

    @Test
    void everyMapIsASignedPermutationThatUndoesItself() {
        for (ObsGroupSpec g : List.of(SPEC.policy(), SPEC.critic(), SPEC.amp())) {
            int[] m = OstrichMirror.map(g).orElseThrow();
            assertEquals(g.dim(), m.length, g.name());
            double[] x = new double[m.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1.5;
            }
            assertArrayEquals(x, apply(m, apply(m, x)), 0.0, g.name() + ": mirroring twice is the identity");
        }
        assertArrayEquals(new int[] {4, 5, 6, 1, 2, 3}, OstrichMirror.actionMap());
    }

    @Test
    void aStackedTermIsMirroredFrameByFrame() {
        VecEnvSpec stacked = VelocityTaskVecEnvs.spec(SimSettings.fromConfig(ConfigFactory.parseString(
                "amp.sim.observations.policy.history-length = 3").withFallback(ConfigFactory.load())));
        int[] flat = OstrichMirror.map(SPEC.policy()).orElseThrow();
        int[] m = OstrichMirror.map(stacked.policy()).orElseThrow();
        assertEquals(3 * flat.length, m.length);
        int at = 0;
        for (ObsGroupSpec.Slice s : SPEC.policy().slices()) {
            for (int h = 0; h < 3; h++) {
                for (int c = 0; c < s.dim(); c++) {
                    int f = flat[s.offset() + c];
                    int shift = 3 * s.offset() + h * s.dim() - s.offset();
                    assertEquals(Integer.signum(f) * (Math.abs(f) + shift), m[at++], s.term() + " frame " + h);
                }
            }
        }
    }

    @Test
    void aTermWithoutADefinedMirrorGivesNoMap() {
        ObsGroupSpec g = ObsGroupSpec.of("amp", List.of("joint_pos", "body_quat_w"), List.of(6, 12));
        assertTrue(OstrichMirror.map(g).isEmpty());
    }

    private static double[] apply(int[] map, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < map.length; i++) {
            int j = Math.abs(map[i]) - 1;
            out[i] = map[i] > 0 ? x[j] : -x[j];
        }
        return out;
    }
}
