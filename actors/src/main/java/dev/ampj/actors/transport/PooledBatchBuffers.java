package dev.ampj.actors.transport;

import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.WireFormat;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One reusable, 64-byte aligned direct buffer per shard, grown (never shrunk) when a larger batch
 * arrives: after the first iteration nothing is allocated. Single-threaded, like the subscriber.
 */
public final class PooledBatchBuffers implements BatchBufferProvider {

    private final Int2ObjectHashMap<UnsafeBuffer> byShard = new Int2ObjectHashMap<>();

    @Override
    public MutableDirectBuffer bufferFor(long iteration, int shardIndex, StreamKind kind, int batchLength) {
        UnsafeBuffer buffer = byShard.get(shardIndex);
        if (buffer == null || buffer.capacity() < batchLength) {
            buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(WireFormat.align(batchLength), WireFormat.DATA_ALIGNMENT));
            byShard.put(shardIndex, buffer);
        }
        return buffer;
    }
}
