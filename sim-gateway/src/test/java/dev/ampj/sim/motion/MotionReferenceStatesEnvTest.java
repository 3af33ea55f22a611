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
