package dev.ampj.storage.telemetry;

/**
 * One shard's records for one step, column by column (struct of arrays, as the tensors are):
 * one Chronicle document. Arrays are owned by the batch once constructed; do not mutate them.
 * {@code ampStates} holds each record's AMP state s (the discriminator's input at that step),
 * {@code ampDim} floats per record in record order, so a viewer can pose the robot; a batch
 * without it has {@code ampDim} 0.
 */
public record TelemetryBatch(
        long iteration,
        long step,
        int shard,
        int[] envIds,
        long[] episodeIds,
        float[] taskReward,
        float[] discriminatorScore,
        float[] styleReward,
        float[] combinedReward,
        boolean[] done,
        int ampDim,
        float[] ampStates) {

    /** A batch without AMP states. */
    public TelemetryBatch(long iteration, long step, int shard, int[] envIds, long[] episodeIds, float[] taskReward,
            float[] discriminatorScore, float[] styleReward, float[] combinedReward, boolean[] done) {
        this(iteration, step, shard, envIds, episodeIds, taskReward, discriminatorScore, styleReward, combinedReward, done,
                0, new float[0]);
    }

    public TelemetryBatch {
        int n = envIds.length;
        if (episodeIds.length != n || taskReward.length != n || discriminatorScore.length != n
                || styleReward.length != n || combinedReward.length != n || done.length != n) {
            throw new IllegalArgumentException("telemetry batch columns differ in length: envIds " + n + ", episodeIds "
                    + episodeIds.length + ", taskReward " + taskReward.length + ", discriminatorScore " + discriminatorScore.length
                    + ", styleReward " + styleReward.length + ", combinedReward " + combinedReward.length + ", done " + done.length);
        }
        if (ampDim < 0 || (long) ampDim * n != ampStates.length) {
            throw new IllegalArgumentException("telemetry batch AMP states: " + ampStates.length + " floats for " + n
                    + " records of dimension " + ampDim);
        }
    }

    /** Copies record {@code i}'s AMP state into {@code out} (length {@link #ampDim()}). */
    public void ampState(int i, float[] out) {
        System.arraycopy(ampStates, i * ampDim, out, 0, ampDim);
    }

    public int size() {
        return envIds.length;
    }

    public TelemetryRecord record(String run, int i) {
        return new TelemetryRecord(run, iteration, step, envIds[i], episodeIds[i], taskReward[i], discriminatorScore[i],
                styleReward[i], combinedReward[i], done[i]);
    }
}
