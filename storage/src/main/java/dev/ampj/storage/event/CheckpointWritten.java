package dev.ampj.storage.event;

/**
 * The complete state after iteration {@code iteration} is stored as the content-addressed blob
 * {@code blobDigest} ({@code sizeBytes} bytes) in the run's checkpoint store.
 */
public record CheckpointWritten(long iteration, String blobDigest, long sizeBytes) implements RunEvent {

    public static final int TYPE_TAG = 4;

    public CheckpointWritten {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, was " + iteration);
        }
        Sha256Hex.require(blobDigest, "blobDigest");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
    }

    @Override
    public int typeTag() {
        return TYPE_TAG;
    }
}
