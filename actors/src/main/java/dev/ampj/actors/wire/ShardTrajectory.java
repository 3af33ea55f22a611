package dev.ampj.actors.wire;

import dev.ampj.learner.LearnerDims;

/**
 * One shard's experience of one iteration, shard-local and batch-major ([horizon T][shard envs n][width],
 * rows in env-id order), plus the env state reached at its end. Filled by {@link ShardRollout},
 * carried as one tensor batch ({@link TrajectoryBatch}), copied into the run-wide rollout at the
 * shard's block of env ids by the TrajectoryBuffer.
 */
public final class ShardTrajectory {

    public final int horizon;
    public final int numEnvs;
    public final LearnerDims dims;
    public final float[] policyObs;
    public final float[] criticObs;
    public final float[] actions;
    public final float[] logProbs;
    public final float[] values;
    public final float[] taskRewards;
    public final float[] dones;
    public final float[] timeouts;
    public final float[] timeoutValues;
    public final float[] lastValues;
    public final float[] ampObs;
    public final float[] ampNextObs;
    /** Length of the episode that ended at (t, e), 0 where none ended. */
    public final float[] episodeLengths;
    /** Episode each (t, e) step belonged to. */
    public final long[] episodeIds;
    /** VecEnv snapshot after the last step: the shard's start state for the next iteration. */
    public byte[] envState = new byte[0];
    /** Wall time of stepping + inference (not digested). */
    public double simMillis;

    public ShardTrajectory(int horizon, int numEnvs, LearnerDims dims) {
        this.horizon = horizon;
        this.numEnvs = numEnvs;
        this.dims = dims;
        int rows = horizon * numEnvs;
        policyObs = new float[rows * dims.policyObs()];
        criticObs = new float[rows * dims.criticObs()];
        actions = new float[rows * dims.actions()];
        logProbs = new float[rows];
        values = new float[rows];
        taskRewards = new float[rows];
        dones = new float[rows];
        timeouts = new float[rows];
        timeoutValues = new float[rows];
        lastValues = new float[numEnvs];
        ampObs = new float[rows * dims.ampObs()];
        ampNextObs = new float[rows * dims.ampObs()];
        episodeLengths = new float[rows];
        episodeIds = new long[rows];
    }

    public int rows() {
        return horizon * numEnvs;
    }
}
