package dev.ampj.actors.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ampj.actors.config.ShardLayout;
import dev.ampj.learner.LearnerDims;
import dev.ampj.sim.wire.TensorBatchDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class TrajectoryBatchTest {

    static final LearnerDims DIMS = new LearnerDims(3, 4, 2, 5);

    @Test
    void shardLayoutIsContiguousInShardOrder() {
        ShardLayout l = new ShardLayout(6, 4);
        assertArrayEquals(new int[] {0}, l.envIds(0));
        assertArrayEquals(new int[] {1, 2}, l.envIds(1));
        assertArrayEquals(new int[] {3}, l.envIds(2));
        assertArrayEquals(new int[] {4, 5}, l.envIds(3));
        assertThrows(IllegalArgumentException.class, () -> new ShardLayout(2, 3));
    }

    /** A shard trajectory whose every value encodes (column, step, env id, element). */
    static ShardTrajectory filled(int horizon, int firstEnv, int envs) {
        ShardTrajectory s = new ShardTrajectory(horizon, envs, DIMS);
        float[][] cols = {s.policyObs, s.criticObs, s.actions, s.logProbs, s.values, s.taskRewards, s.dones, s.timeouts,
            s.timeoutValues, s.ampObs, s.ampNextObs, s.episodeLengths};
        for (int c = 0; c < cols.length; c++) {
            int width = cols[c].length / (horizon * envs);
            for (int i = 0; i < cols[c].length; i++) {
                int row = i / width;
                cols[c][i] = c * 10000 + (row / envs) * 100 + (firstEnv + row % envs) + (i % width) * 0.01f;
            }
        }
        for (int e = 0; e < envs; e++) {
            s.lastValues[e] = -(firstEnv + e);
        }
        for (int i = 0; i < s.episodeIds.length; i++) {
            s.episodeIds[i] = (1L << 40) + firstEnv + i % envs;
        }
        s.envState = new byte[] {1, 2, 3, (byte) firstEnv, 5};
        return s;
    }

    @Test
    void shardBatchesLandAtTheirEnvBlockWhateverTheArrivalOrder() {
        int horizon = 3;
        RolloutBuffer buffer = new RolloutBuffer(7, horizon, 5, 2, DIMS);
        ShardTrajectory a = filled(horizon, 0, 2);
        ShardTrajectory b = filled(horizon, 2, 3);
        for (Object[] shard : new Object[][] {{1, b, 2}, {0, a, 0}}) { // shard 1 first
            ShardTrajectory s = (ShardTrajectory) shard[1];
            UnsafeBuffer buf = new UnsafeBuffer(new byte[TrajectoryBatch.encodedLength(s)]);
            int len = TrajectoryBatch.encode(s, 42L, 7, (int) shard[0], buf);
            TensorBatchDecoder d = new TensorBatchDecoder().wrap(buf, 0, len);
            byte[] state = TrajectoryBatch.decodeInto(d, buffer, (int) shard[2], s.numEnvs);
            buffer.setEnvState((int) shard[0], state);
        }
        ShardTrajectory whole = filled(horizon, 0, 5);
        assertArrayEquals(whole.policyObs, buffer.rollout().policyObs());
        assertArrayEquals(whole.ampNextObs, buffer.rollout().ampNextObs());
        assertArrayEquals(whole.taskRewards, buffer.rollout().taskRewards());
        assertArrayEquals(new float[] {0, -1, -2, -3, -4}, buffer.rollout().lastValues());
        assertArrayEquals(whole.episodeIds, buffer.episodeIds());
        assertEquals(2, buffer.envState(1)[3]);
        assertArrayEquals(new byte[] {1, 2, 3, 0, 5}, buffer.envState(0));
    }
}
