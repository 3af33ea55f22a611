package dev.ampj.actors.wire;

import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;

/**
 * One shard's experience of one iteration: a shard-local {@link Rollout} ([horizon T][shard envs
 * n][width], rows in env-id order, every row column of {@link RolloutColumn}) plus its per-shard
 * blobs (the env state reached at its end). Filled by {@link ShardRollout}, carried as one tensor
 * batch ({@link TrajectoryBatch}), copied into the run-wide rollout at the shard's block of env ids
 * by the TrajectoryBuffer.
 */
public final class ShardTrajectory {

    public final int horizon;
    public final int numEnvs;
    public final LearnerDims dims;
    private final Rollout rollout;
    /** By {@link RolloutColumn#ordinal()}; set only for per-shard columns. */
    private final byte[][] blobs = new byte[RolloutColumn.values().length][];
    /** Wall time of stepping + inference (not digested). */
    public double simMillis;

    public ShardTrajectory(int horizon, int numEnvs, LearnerDims dims) {
        this.horizon = horizon;
        this.numEnvs = numEnvs;
        this.dims = dims;
        this.rollout = Rollout.allocate(horizon, numEnvs, dims);
        for (RolloutColumn c : RolloutColumn.BLOBS) {
            blobs[c.ordinal()] = new byte[0];
        }
    }

    /** The shard's rows, every row column of {@link RolloutColumn}. */
    public Rollout rollout() {
        return rollout;
    }

    public int rows() {
        return horizon * numEnvs;
    }

    /** A per-shard blob column's bytes (empty until set). */
    public byte[] blob(RolloutColumn column) {
        requireBlob(column);
        return blobs[column.ordinal()];
    }

    public void setBlob(RolloutColumn column, byte[] bytes) {
        requireBlob(column);
        blobs[column.ordinal()] = bytes;
    }

    /** VecEnv snapshot after the last step: the shard's start state for the next iteration. */
    public byte[] envState() {
        return blob(RolloutColumn.ENV_STATE);
    }

    private static void requireBlob(RolloutColumn column) {
        if (column.extent() != RolloutColumn.Extent.PER_SHARD) {
            throw new IllegalArgumentException(column.wireName() + " is a row column of the shard's rollout, not a blob");
        }
    }
}
