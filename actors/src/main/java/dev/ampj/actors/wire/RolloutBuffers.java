package dev.ampj.actors.wire;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The learner side's rollouts by iteration id: the one object the learner-side actors of a JVM
 * share, so rollouts are handed over by reference, never through mailboxes. Looked up by key
 * only (never iterated).
 */
public final class RolloutBuffers {

    private final ConcurrentHashMap<Long, RolloutBuffer> byIteration = new ConcurrentHashMap<>();

    public void put(RolloutBuffer buffer) {
        byIteration.put(buffer.iteration(), buffer);
    }

    public RolloutBuffer get(long iteration) {
        RolloutBuffer b = byIteration.get(iteration);
        if (b == null) {
            throw new IllegalStateException("no rollout buffer for iteration " + iteration);
        }
        return b;
    }

    public void release(long iteration) {
        byIteration.remove(iteration);
    }
}
