package dev.ampj.storage.event;

/** The run started collecting iteration {@code iteration} (numbered from 1). */
public record IterationOpened(long iteration) implements RunEvent {

    public static final int TYPE_TAG = 2;

    public IterationOpened {
        if (iteration < 1) {
            throw new IllegalArgumentException("iteration must be >= 1, was " + iteration);
        }
    }

    @Override
    public int typeTag() {
        return TYPE_TAG;
    }
}
