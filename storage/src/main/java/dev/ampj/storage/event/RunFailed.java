package dev.ampj.storage.event;

import java.util.Objects;

/** The run stopped on an error after committing {@code lastIteration}; it can be resumed from there. */
public record RunFailed(long lastIteration, String reason) implements RunEvent {

    public static final int TYPE_TAG = 6;

    public RunFailed {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int typeTag() {
        return TYPE_TAG;
    }
}
