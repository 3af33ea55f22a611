package dev.ampj.actors.transport;

import dev.ampj.sim.wire.StreamKind;
import org.agrona.MutableDirectBuffer;

/**
 * Gives the buffer a batch is assembled into, from index 0, when its first chunk arrives: e.g. a
 * slice of a rollout buffer at the shard's place, or {@link PooledBatchBuffers}. Return a buffer
 * with capacity of at least {@code batchLength}; a smaller one makes the subscriber reject the batch.
 */
@FunctionalInterface
public interface BatchBufferProvider {
    MutableDirectBuffer bufferFor(long iteration, int shardIndex, StreamKind kind, int batchLength);
}
