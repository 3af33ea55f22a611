package dev.ampj.storage.telemetry;

/**
 * One shard's records for one step, column by column (struct of arrays, as the tensors are):
 * one Chronicle document. Arrays are owned by the batch once constructed; do not mutate them.
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
        boolean[] done) {

    public TelemetryBatch {
        int n = envIds.length;
        if (episodeIds.length != n || taskReward.length != n || discriminatorScore.length != n
                || styleReward.length != n || combinedReward.length != n || done.length != n) {
            throw new IllegalArgumentException("telemetry batch columns differ in length: envIds " + n + ", episodeIds "
                    + episodeIds.length + ", taskReward " + taskReward.length + ", discriminatorScore " + discriminatorScore.length
                    + ", styleReward " + styleReward.length + ", combinedReward " + combinedReward.length + ", done " + done.length);
        }
    }

    public int size() {
        return envIds.length;
    }

    public TelemetryRecord record(String run, int i) {
        return new TelemetryRecord(run, iteration, step, envIds[i], episodeIds[i], taskReward[i], discriminatorScore[i],
                styleReward[i], combinedReward[i], done[i]);
    }
}
