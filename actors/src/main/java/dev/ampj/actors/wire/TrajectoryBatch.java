package dev.ampj.actors.wire;

import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchDecoder;
import dev.ampj.sim.wire.TensorBatchEncoder;
import dev.ampj.sim.wire.WireFormat;
import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * The tensor-batch schema of one shard's trajectory ({@link StreamKind#TRAJECTORY}): named float32
 * columns [T][n][width] in env-id order, plus three raw columns whose float32 slots carry bytes
 * verbatim (never converted through float, so no NaN canonicalisation can alter them): the episode
 * ids (int64), the env state length (int32) and the env state (VecEnv snapshot bytes).
 */
public final class TrajectoryBatch {

    static final String[] FLOAT_COLUMNS = {
        "policy_obs", "critic_obs", "actions", "log_probs", "values", "task_rewards", "dones", "timeouts",
        "timeout_values", "last_values", "amp_obs", "amp_next_obs", "episode_lengths"};
    static final String EPISODE_IDS = "episode_ids";
    static final String ENV_STATE_LENGTH = "env_state_length";
    static final String ENV_STATE = "env_state";
    static final int COLUMNS = FLOAT_COLUMNS.length + 3;

    private TrajectoryBatch() {}

    private static float[][] floatColumns(ShardTrajectory s) {
        return new float[][] {s.policyObs, s.criticObs, s.actions, s.logProbs, s.values, s.taskRewards, s.dones,
            s.timeouts, s.timeoutValues, s.lastValues, s.ampObs, s.ampNextObs, s.episodeLengths};
    }

    /** Bytes {@link #encode} needs for {@code s}. */
    public static int encodedLength(ShardTrajectory s) {
        long[] counts = new long[COLUMNS];
        float[][] cols = floatColumns(s);
        for (int i = 0; i < cols.length; i++) {
            counts[i] = cols[i].length;
        }
        counts[cols.length] = 2L * s.episodeIds.length;
        counts[cols.length + 1] = 1;
        counts[cols.length + 2] = (s.envState.length + 3) / 4;
        return WireFormat.batchLength(counts);
    }

    /** Encodes {@code s} at offset 0 of {@code buffer}; returns the batch length. */
    public static int encode(ShardTrajectory s, long runId, long iteration, int shard, MutableDirectBuffer buffer) {
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(buffer, 0);
        enc.header(runId, iteration, shard, StreamKind.TRAJECTORY, COLUMNS);
        float[][] cols = floatColumns(s);
        for (int i = 0; i < cols.length; i++) {
            int c = enc.addColumn(FLOAT_COLUMNS[i], cols[i].length);
            enc.putFloats(c, cols[i]);
        }
        int ids = enc.addColumn(EPISODE_IDS, 2 * s.episodeIds.length);
        int at = enc.dataOffset(ids);
        for (int i = 0; i < s.episodeIds.length; i++) {
            buffer.putLong(at + 8 * i, s.episodeIds[i], ByteOrder.LITTLE_ENDIAN);
        }
        int len = enc.addColumn(ENV_STATE_LENGTH, 1);
        buffer.putInt(enc.dataOffset(len), s.envState.length, ByteOrder.LITTLE_ENDIAN);
        int state = enc.addColumn(ENV_STATE, (s.envState.length + 3) / 4);
        buffer.putBytes(enc.dataOffset(state), s.envState);
        return enc.encodedLength();
    }

    /**
     * Copies a decoded shard batch into the run-wide {@code rollout} at the shard's block of env ids
     * ({@code firstEnv}, {@code shardEnvs} envs) and returns the shard's end-of-iteration env state.
     */
    public static byte[] decodeInto(TensorBatchDecoder batch, RolloutBuffer rollout, int firstEnv, int shardEnvs) {
        int t = rollout.horizon();
        int n = rollout.numEnvs();
        for (String name : FLOAT_COLUMNS) {
            int c = batch.requireColumn(name);
            float[] dst = rollout.column(name);
            boolean perEnvOnly = name.equals("last_values");
            int rows = perEnvOnly ? shardEnvs : t * shardEnvs;
            int width = dst.length / (perEnvOnly ? n : t * n);
            if (batch.elementCount(c) != rows * width) {
                throw new IllegalArgumentException("trajectory batch of shard " + batch.shardIndex() + ", iteration "
                        + batch.iteration() + ": column " + name + " has " + batch.elementCount(c) + " floats, expected "
                        + rows * width);
            }
            float[] src = new float[rows * width];
            batch.getFloats(c, src, 0);
            if (perEnvOnly) {
                System.arraycopy(src, 0, dst, firstEnv * width, shardEnvs * width);
            } else {
                for (int step = 0; step < t; step++) {
                    System.arraycopy(src, step * shardEnvs * width, dst, (step * n + firstEnv) * width, shardEnvs * width);
                }
            }
        }
        int ids = batch.requireColumn(EPISODE_IDS);
        int at = batch.dataOffset(ids);
        long[] episodeIds = rollout.episodeIds();
        for (int step = 0; step < t; step++) {
            for (int e = 0; e < shardEnvs; e++) {
                episodeIds[step * n + firstEnv + e] = batch.buffer().getLong(at + 8 * (step * shardEnvs + e), ByteOrder.LITTLE_ENDIAN);
            }
        }
        int length = batch.buffer().getInt(batch.dataOffset(batch.requireColumn(ENV_STATE_LENGTH)), ByteOrder.LITTLE_ENDIAN);
        int state = batch.requireColumn(ENV_STATE);
        if (length < 0 || length > batch.dataLength(state)) {
            throw new IllegalArgumentException("trajectory batch of shard " + batch.shardIndex() + ": env state length "
                    + length + " exceeds its column of " + batch.dataLength(state) + " bytes");
        }
        byte[] envState = new byte[length];
        batch.buffer().getBytes(batch.dataOffset(state), envState);
        return envState;
    }
}
