package dev.ampj.actors.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's resume relies on it: a fresh ostrich VecEnv restored from a shard state (its bare
 * VecEnv snapshot) shows the same observation rows, foot contacts included, and continues exactly.
 */
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

    @Test
    void aShardStateOfCheckpointVersion1IsRefused() {
        SimSettings sim = SimSettings.fromConfig(ConfigFactory.defaultReference());
        try (VecEnv env = VelocityTaskVecEnvs.create(sim, 7, new int[] {0})) {
            byte[] before = env.snapshot();
            byte[] wrapped = java.nio.ByteBuffer.allocate(12 + before.length).putInt(ShardState.WRAPPED_MAGIC)
                    .putInt(before.length).put(before).putInt(1).array();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShardState.restore(env, wrapped));
            assertTrue(e.getMessage().contains("checkpoint version 1") && e.getMessage().contains("version 2"), e.getMessage());
            assertArrayEquals(before, env.snapshot(), "a refused shard state changes nothing");
        }
    }
}
