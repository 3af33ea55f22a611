package dev.ampj.actors.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.config.ShardLayout;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;
import dev.ampj.learner.storage.RolloutColumn.Extent;
import dev.ampj.sim.wire.TensorBatchDecoder;
import dev.ampj.sim.wire.WireFormat;
import java.util.Objects;
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

    /**
     * A shard trajectory whose every declared column is filled, each value encoding (column, step,
     * global env id, element), so a value that lands in the wrong column, step, env or element shows.
     */
    static ShardTrajectory filled(int horizon, int firstEnv, int envs) {
        ShardTrajectory s = new ShardTrajectory(horizon, envs, DIMS);
        for (RolloutColumn c : RolloutColumn.ROWS) {
            fill(s.rollout(), c, firstEnv);
        }
        float[] last = s.rollout().lastValues();
        for (int e = 0; e < envs; e++) {
            last[e] = -(firstEnv + e);
        }
        long[] ids = s.rollout().episodeIds();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (1L << 40) + firstEnv + i % envs; // beyond float32 precision
        }
        for (RolloutColumn c : RolloutColumn.BLOBS) {
            // bytes that are a NaN as float32: they must travel verbatim
            s.setBlob(c, new byte[] {1, 2, 3, (byte) firstEnv, 5, (byte) 0xC0, (byte) 0xFF, (byte) c.ordinal()});
        }
        return s;
    }

    private static void fill(Rollout r, RolloutColumn c, int firstEnv) {
        int width = c.width(DIMS);
        int envs = r.numEnvs();
        int elements = c.rows(r.horizon(), envs) * width;
        for (int i = 0; i < elements; i++) {
            int row = i / width;
            int step = c.extent() == Extent.PER_STEP ? row / envs : 0;
            int env = firstEnv + row % envs;
            int element = i % width;
            switch (c.dtype()) {
                case FLOAT32 -> r.floats(c)[i] = c.ordinal() * 10000 + step * 100 + env + element * 0.01f;
                case INT32 -> r.ints(c)[i] = c.ordinal() * 1_000_000 + step * 1000 + env * 10 + element;
                case INT64 -> r.longs(c)[i] = ((long) c.ordinal() << 40) + ((long) step << 20) + env * 64L + element;
                case BYTES -> throw new IllegalStateException("byte columns are per-shard blobs");
            }
        }
    }

    private static RolloutBuffer assemble(int horizon, ShardTrajectory... shards) {
        int total = 0;
        for (ShardTrajectory s : shards) {
            total += s.numEnvs;
        }
        RolloutBuffer buffer = new RolloutBuffer(7, horizon, total, shards.length, DIMS);
        int[] first = new int[shards.length];
        for (int i = 1; i < shards.length; i++) {
            first[i] = first[i - 1] + shards[i - 1].numEnvs;
        }
        for (int i = shards.length - 1; i >= 0; i--) { // the last shard arrives first
            ShardTrajectory s = shards[i];
            UnsafeBuffer buf = new UnsafeBuffer(new byte[TrajectoryBatch.encodedLength(s)]);
            int len = TrajectoryBatch.encode(s, 42L, 7, i, buf);
            TrajectoryBatch.decodeInto(new TensorBatchDecoder().wrap(buf, 0, len), buffer, first[i], s.numEnvs);
        }
        return buffer;
    }

    @Test
    void shardBatchesLandAtTheirEnvBlockWhateverTheArrivalOrder() {
        int horizon = 3;
        RolloutBuffer buffer = assemble(horizon, filled(horizon, 0, 2), filled(horizon, 2, 3));
        ShardTrajectory whole = filled(horizon, 0, 5);
        assertArrayEquals(whole.rollout().policyObs(), buffer.rollout().policyObs());
        assertArrayEquals(whole.rollout().ampNextObs(), buffer.rollout().ampNextObs());
        assertArrayEquals(whole.rollout().taskRewards(), buffer.rollout().taskRewards());
        assertArrayEquals(new float[] {0, -1, -2, -3, -4}, buffer.rollout().lastValues());
        assertArrayEquals(whole.rollout().episodeIds(), buffer.episodeIds());
        assertEquals(2, buffer.envState(1)[3]);
        assertArrayEquals(new byte[] {1, 2, 3, 0, 5, (byte) 0xC0, (byte) 0xFF, (byte) RolloutColumn.ENV_STATE.ordinal()},
                buffer.envState(0));
    }

    /** The schema drives all four: shard trajectory → wire batch → rollout buffer → learner rollout, for every declared column. */
    @Test
    void everyDeclaredColumnTravelsFromShardTrajectoryToTheRollout() {
        int horizon = 4;
        ShardTrajectory[] shards = {filled(horizon, 0, 1), filled(horizon, 1, 3), filled(horizon, 4, 2)};
        RolloutBuffer buffer = assemble(horizon, shards);
        Rollout whole = filled(horizon, 0, 6).rollout();
        for (RolloutColumn c : RolloutColumn.values()) {
            if (c.extent() == Extent.PER_SHARD) {
                for (int s = 0; s < shards.length; s++) {
                    assertArrayEquals(shards[s].blob(c), buffer.blob(c, s), c.wireName() + " of shard " + s);
                }
            } else {
                Object array = buffer.rollout().array(c);
                assertEquals(c.rows(horizon, 6) * c.width(DIMS), java.lang.reflect.Array.getLength(array), c.wireName());
                assertTrue(Objects.deepEquals(whole.array(c), array), c.wireName());
            }
        }
    }

    @Test
    void theBatchCarriesEachColumnWithItsDtypeAndShape() {
        ShardTrajectory s = filled(3, 2, 4);
        UnsafeBuffer buf = new UnsafeBuffer(new byte[TrajectoryBatch.encodedLength(s)]);
        TensorBatchDecoder d = new TensorBatchDecoder().wrap(buf, 0, TrajectoryBatch.encode(s, 42L, 7, 1, buf));
        assertEquals(RolloutColumn.values().length, d.columnCount());
        for (RolloutColumn c : RolloutColumn.values()) {
            int col = d.requireColumn(c.wireName());
            assertEquals(c.ordinal(), col, "wire order is declaration order");
            assertEquals(TrajectoryBatch.wireDtype(c.dtype()), d.dtype(col), c.wireName());
            int[] shape = new int[d.rank(col)];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = d.dim(col, k);
            }
            assertArrayEquals(TrajectoryBatch.shape(c, 3, 4, DIMS, s.blob(RolloutColumn.ENV_STATE).length), shape, c.wireName());
        }
        assertEquals(WireFormat.DTYPE_INT64, d.dtype(d.requireColumn("episode_ids")));
        assertEquals(WireFormat.DTYPE_UINT8, d.dtype(d.requireColumn("env_state")));
        assertArrayEquals(new int[] {3, 4, DIMS.policyObs()},
                new int[] {d.dim(0, 0), d.dim(0, 1), d.dim(0, 2)});
    }

    @Test
    void aBatchOfAnotherShapeIsRejectedNamingTheColumn() {
        ShardTrajectory s = filled(3, 0, 2);
        UnsafeBuffer buf = new UnsafeBuffer(new byte[TrajectoryBatch.encodedLength(s)]);
        int len = TrajectoryBatch.encode(s, 42L, 7, 0, buf);
        RolloutBuffer buffer = new RolloutBuffer(7, 3, 5, 2, DIMS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrajectoryBatch.decodeInto(new TensorBatchDecoder().wrap(buf, 0, len), buffer, 0, 3));
        assertEquals("trajectory batch of shard 0, iteration 7: column policy_obs is float32 [3, 2, 3], expected float32 [3, 3, 3]",
                e.getMessage());
    }
}
