package dev.ampj.storage.event;

import java.util.Objects;

/** Where a forked run branched off: its state at {@code iteration} is exactly the parent's. */
public record ForkPoint(String parentRun, long iteration) {
    public ForkPoint {
        Objects.requireNonNull(parentRun, "parentRun");
        if (iteration < 0) {
            throw new IllegalArgumentException("fork iteration must be >= 0, was " + iteration);
        }
    }
}
