package dev.ampj.sim.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The env starts episodes from the library's reference states when reference-state init is on. */
class MotionReferenceStatesEnvTest {

    @Test
    void episodesStartInReferenceFrames() throws Exception {
        SimSettings sim = SimSettings.fromConfig(ConfigFactory.parseString("amp.sim.init.reference-state-init = 1.0")
                .withFallback(ConfigFactory.defaultReference()));
        MotionLibrary lib = MotionLibrary.load(MotionSettings.defaults(), OstrichLayout.LAYOUT, sim.controlDt());
        AmpObservation obs = AmpTermRegistry.resolve(sim.observations().ampTerms(), sim.observations().keyBodies(), OstrichLayout.LAYOUT);
        int jp = obs.offsetOf("joint_pos");
        float[][] tables = {ExpertPairSampler.clipStates(lib, 0, obs), ExpertPairSampler.clipStates(lib, 1, obs)};
        int[] ids = {0, 1, 2, 3, 4, 5};
        float[] first;
        try (VecEnv env = VelocityTaskVecEnvs.create(sim, 11L, ids, new MotionReferenceStates(lib))) {
            int d = env.spec().ampDim();
            first = env.buffers().ampObs.clone();
            for (int i = 0; i < ids.length; i++) {
                float[] joints = Arrays.copyOfRange(first, i * d + jp, i * d + jp + 6);
                assertTrue(matchesAFrame(joints, tables, obs.dim(), jp), "env " + i + " starts in a reference frame: " + Arrays.toString(joints));
            }
            float[] actions = new float[ids.length * 6];
            for (int k = 0; k < 10; k++) {
                env.step(actions);
            }
            for (float v : env.buffers().ampObs) {
                assertTrue(Float.isFinite(v));
            }
        }
        try (VecEnv again = VelocityTaskVecEnvs.create(sim, 11L, ids, new MotionReferenceStates(lib))) {
            assertArrayEquals(first, again.buffers().ampObs, "same seed, same reference states");
        }
    }

    /**
     * With an AMP history a reference start's older frames are the clip's frames before it (HumanoidAMP's
     * reference history), not copies of the first: the joint angles of the window are consecutive rows.
     */
    @Test
    void aReferenceStartsAmpHistoryIsTheClipsFramesBeforeIt() throws Exception {
        SimSettings sim = SimSettings.fromConfig(ConfigFactory.parseString("amp.sim.init.reference-state-init = 1.0\n"
                + "amp.sim.observations.amp-history-length = 3").withFallback(ConfigFactory.defaultReference()));
        MotionLibrary lib = MotionLibrary.load(MotionSettings.defaults(), OstrichLayout.LAYOUT, sim.controlDt());
        AmpObservation obs = AmpTermRegistry.resolve(sim.observations().ampTerms(), sim.observations().keyBodies(), OstrichLayout.LAYOUT);
        int jp = obs.offsetOf("joint_pos");
        int t = obs.dim();
        float[][] tables = {ExpertPairSampler.clipStates(lib, 0, obs), ExpertPairSampler.clipStates(lib, 1, obs)};
        int[] ids = {0, 1, 2, 3, 4, 5, 6, 7};
        try (VecEnv env = VelocityTaskVecEnvs.create(sim, 11L, ids, new MotionReferenceStates(lib))) {
            int d = env.spec().ampDim();
            float[] rows = env.buffers().ampObs;
            int moving = 0;
            for (int i = 0; i < ids.length; i++) {
                float[] newest = Arrays.copyOfRange(rows, i * d + jp, i * d + jp + 6);
                float[] older = Arrays.copyOfRange(rows, i * d + t + t + jp, i * d + t + t + jp + 6); // one step back
                float[] oldest = Arrays.copyOfRange(rows, i * d + t + jp, i * d + t + jp + 6); // two steps back
                assertTrue(consecutive(tables, t, jp, oldest, older, newest), "env " + i + ": " + Arrays.toString(oldest) + " "
                        + Arrays.toString(older) + " " + Arrays.toString(newest));
                moving += Arrays.equals(older, newest) ? 0 : 1;
            }
            assertTrue(moving >= ids.length - 1, "the windows move (only a clip's first frame repeats): " + moving);
        }
    }

    /** Whether some clip has rows r - 2, r - 1, r (or r clamped at its first frame) with these joint angles. */
    private static boolean consecutive(float[][] tables, int dim, int jp, float[] a, float[] b, float[] c) {
        for (float[] tab : tables) {
            for (int r = 0; r < tab.length / dim; r++) {
                if (near(tab, Math.max(0, r - 2) * dim + jp, a) && near(tab, Math.max(0, r - 1) * dim + jp, b) && near(tab, r * dim + jp, c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean near(float[] table, int off, float[] joints) {
        for (int j = 0; j < joints.length; j++) {
            if (Math.abs(table[off + j] - joints[j]) >= 1e-4) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAFrame(float[] joints, float[][] tables, int dim, int jp) {
        for (float[] t : tables) {
            for (int r = 0; r < t.length / dim; r++) {
                boolean all = true;
                for (int j = 0; j < 6 && all; j++) {
                    all = Math.abs(t[r * dim + jp + j] - joints[j]) < 1e-4;
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }
}
