package dev.ampj.actors.wire;

import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;

/**
 * The assembled rollout of one iteration, handed over by reference in messages and owned by one
 * actor at a time: the TrajectoryBufferActor fills it, the IterationCoordinator then owns it (it lends
 * the read-only {@link Rollout} to the discriminator and PPO actors and sets the reward columns they
 * reply), and finally the TelemetryWriterActor, if any, reads it; nothing releases it but the garbage
 * collector. Holds every column of {@link RolloutColumn}: the row columns as one
 * {@link Rollout} ([T][N][width] in (step, env id) order), the per-shard blobs (env states) by
 * shard; plus what the learner side adds (style rewards, discriminator scores, combined rewards).
 *
 * <p>Happens-before: each writer finishes before it sends the actor message that lets the next
 * reader start, and actor message passing publishes the writes.
 */
public final class RolloutBuffer {

    private final long iteration;
    private final int shards;
    private final LearnerDims dims;
    private final Rollout rollout;
    /** [column ordinal][shard]; set only for per-shard columns. */
    private final byte[][][] blobs;
    private float[] styleRewards;
    private float[] discriminatorScores;
    private float[] combinedRewards;

    public RolloutBuffer(long iteration, int horizon, int numEnvs, int shards, LearnerDims dims) {
        this.iteration = iteration;
        this.rollout = Rollout.allocate(horizon, numEnvs, dims);
        this.blobs = new byte[RolloutColumn.values().length][][];
        for (RolloutColumn c : RolloutColumn.BLOBS) {
            blobs[c.ordinal()] = new byte[shards][];
        }
        this.shards = shards;
        this.dims = dims;
    }

    public long iteration() {
        return iteration;
    }

    public Rollout rollout() {
        return rollout;
    }

    public LearnerDims dims() {
        return dims;
    }

    public int horizon() {
        return rollout.horizon();
    }

    public int numEnvs() {
        return rollout.numEnvs();
    }

    public float[] episodeLengths() {
        return rollout.episodeLengths();
    }

    public long[] episodeIds() {
        return rollout.episodeIds();
    }

    /** A per-shard blob column's bytes of shard {@code shard} (null until its batch arrived). */
    public byte[] blob(RolloutColumn column, int shard) {
        return blobsOf(column)[shard];
    }

    public void setBlob(RolloutColumn column, int shard, byte[] bytes) {
        blobsOf(column)[shard] = bytes;
    }

    private byte[][] blobsOf(RolloutColumn column) {
        byte[][] b = blobs[column.ordinal()];
        if (b == null) {
            throw new IllegalArgumentException(column.wireName() + " is a row column of the rollout, not a per-shard blob");
        }
        return b;
    }

    /** End-of-iteration VecEnv snapshot of shard {@code shard}. */
    public byte[] envState(int shard) {
        return blob(RolloutColumn.ENV_STATE, shard);
    }

    public int shards() {
        return shards;
    }

    public float[] styleRewards() {
        return styleRewards;
    }

    public void setStyleRewards(float[] rewards) {
        this.styleRewards = rewards;
    }

    /** Raw discriminator outputs D_k(s, s') the style rewards were computed from (for probes). */
    public float[] discriminatorScores() {
        return discriminatorScores;
    }

    public void setDiscriminatorScores(float[] logits) {
        this.discriminatorScores = logits;
    }

    public float[] combinedRewards() {
        return combinedRewards;
    }

    public void setCombinedRewards(float[] rewards) {
        this.combinedRewards = rewards;
    }
}
