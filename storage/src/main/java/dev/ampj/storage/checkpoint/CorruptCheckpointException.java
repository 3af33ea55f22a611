package dev.ampj.storage.checkpoint;

/** A checkpoint blob's bytes do not hash to the digest it is stored (and referenced) under. */
public final class CorruptCheckpointException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CorruptCheckpointException(String message) {
        super(message);
    }
}
