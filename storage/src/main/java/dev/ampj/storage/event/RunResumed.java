package dev.ampj.storage.event;

/**
 * A resume began: the run continues after {@code fromIteration} (its last committed iteration then)
 * towards {@code targetIterations}. Recorded so that a resume stopped before its target still shows
 * the target it was given; it changes no digest and nothing a replay re-executes.
 */
public record RunResumed(long fromIteration, long targetIterations) implements RunEvent {

    public static final int TYPE_TAG = 7;

    public RunResumed {
        if (fromIteration < 0 || targetIterations < 0) {
            throw new IllegalArgumentException("fromIteration and targetIterations must be >= 0, were "
                    + fromIteration + " and " + targetIterations);
        }
    }

    @Override
    public int typeTag() {
        return TYPE_TAG;
    }
}
