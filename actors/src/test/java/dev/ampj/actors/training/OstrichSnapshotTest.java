package dev.ampj.actors.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import org.junit.jupiter.api.Test;

/** The pipeline's resume relies on it: a fresh ostrich VecEnv restored from a shard state continues exactly. */
class OstrichSnapshotTest {

    @Test
    void aRestoredEnvContinuesExactly() {
        SimSettings sim = SimSettings.fromConfig(ConfigFactory.defaultReference());
        int[] ids = {0, 1, 2};
        try (VecEnv a = VelocityTaskVecEnvs.create(sim, 7, ids); VecEnv b = VelocityTaskVecEnvs.create(sim, 7, ids)) {
            float[] act = new float[3 * 6];
            for (int t = 0; t < 40; t++) {
                for (int i = 0; i < act.length; i++) {
                    act[i] = (float) Math.sin(0.3 * t + i);
                }
                a.step(act);
            }
            ShardState.restore(b, ShardState.capture(a));
            assertArrayEquals(a.buffers().policyObs, b.buffers().policyObs, "policy obs after restore");
            assertArrayEquals(a.buffers().criticObs, b.buffers().criticObs, "critic obs after restore");
            assertArrayEquals(a.buffers().ampObs, b.buffers().ampObs, "amp obs after restore");
            assertArrayEquals(a.buffers().episodeSteps, b.buffers().episodeSteps, "episode steps after restore");
            for (int t = 40; t < 120; t++) {
                for (int i = 0; i < act.length; i++) {
                    act[i] = (float) Math.sin(0.3 * t + i);
                }
                a.step(act);
                b.step(act);
                assertArrayEquals(a.buffers().policyObs, b.buffers().policyObs, "policy obs at step " + t);
                assertArrayEquals(a.buffers().rewards, b.buffers().rewards, "rewards at step " + t);
                assertArrayEquals(a.buffers().criticObs, b.buffers().criticObs, "critic obs at step " + t);
                assertArrayEquals(a.buffers().ampObs, b.buffers().ampObs, "amp obs at step " + t);
                int d = a.buffers().ampDim;
                for (int i = 0; i < ids.length; i++) {
                    if (a.buffers().done(i)) { // terminal rows are only valid where an episode ended
                        assertArrayEquals(java.util.Arrays.copyOfRange(a.buffers().terminalAmpObs, i * d, i * d + d),
                                java.util.Arrays.copyOfRange(b.buffers().terminalAmpObs, i * d, i * d + d), "terminal amp obs at step " + t);
                    }
                }
                assertArrayEquals(a.buffers().episodeIds, b.buffers().episodeIds, "episode ids at step " + t);
            }
        }
    }
}
