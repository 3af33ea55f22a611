package dev.ampj.storage.checkpoint;

import dev.ampj.storage.event.Sha256Hex;

/** A stored checkpoint blob: its SHA-256 (hex, also its file name) and size. */
public record CheckpointRef(String digest, long sizeBytes) {
    public CheckpointRef {
        Sha256Hex.require(digest, "checkpoint digest");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
    }
}
