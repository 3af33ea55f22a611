package dev.ampj.storage.event;

/** The run reached its target; {@code lastIteration} is its last committed iteration. */
public record RunFinished(long lastIteration) implements RunEvent {

    public static final int TYPE_TAG = 5;

    @Override
    public int typeTag() {
        return TYPE_TAG;
    }
}
