package dev.ampj.sim.wire;

import static dev.ampj.sim.wire.WireFormat.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Writes the 64-byte frame header in place; used by the batch encoder and by chunking publishers. */
public final class FrameHeaderEncoder {

    private MutableDirectBuffer buffer;
    private int offset;

    public FrameHeaderEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** Writes magic, version, length and the batch identity; zeroes the chunk fields and the reserved bytes. */
    public FrameHeaderEncoder batch(long runId, long iteration, int shardIndex, StreamKind kind, int columnCount) {
        if (columnCount < 0 || columnCount > MAX_COLUMNS) {
            throw new IllegalArgumentException("column count " + columnCount + " outside 0.." + MAX_COLUMNS);
        }
        if (iteration < 0 || shardIndex < 0) {
            throw new IllegalArgumentException("iteration " + iteration + " and shard index " + shardIndex + " must be non-negative");
        }
        buffer.setMemory(offset, HEADER_LENGTH, (byte) 0);
        buffer.putInt(offset + MAGIC_OFFSET, MAGIC, LITTLE_ENDIAN);
        buffer.putShort(offset + VERSION_OFFSET, (short) SCHEMA_VERSION, LITTLE_ENDIAN);
        buffer.putShort(offset + HEADER_LENGTH_OFFSET, (short) HEADER_LENGTH, LITTLE_ENDIAN);
        buffer.putLong(offset + RUN_ID_OFFSET, runId, LITTLE_ENDIAN);
        buffer.putLong(offset + ITERATION_OFFSET, iteration, LITTLE_ENDIAN);
        buffer.putInt(offset + SHARD_INDEX_OFFSET, shardIndex, LITTLE_ENDIAN);
        buffer.putShort(offset + STREAM_KIND_OFFSET, (short) kind.code(), LITTLE_ENDIAN);
        buffer.putShort(offset + COLUMN_COUNT_OFFSET, (short) columnCount, LITTLE_ENDIAN);
        return chunk(0, 1, 0, 0, 0);
    }

    /** Copies the header of a complete batch (from {@code src}) so that its chunk fields can be rewritten. */
    public FrameHeaderEncoder copyFrom(DirectBuffer src, int srcOffset) {
        buffer.putBytes(offset, src, srcOffset, HEADER_LENGTH);
        return this;
    }

    public FrameHeaderEncoder chunk(int chunkIndex, int chunkCount, int chunkOffset, int chunkLength, int payloadLength) {
        buffer.putInt(offset + CHUNK_INDEX_OFFSET, chunkIndex, LITTLE_ENDIAN);
        buffer.putInt(offset + CHUNK_COUNT_OFFSET, chunkCount, LITTLE_ENDIAN);
        buffer.putInt(offset + CHUNK_OFFSET_OFFSET, chunkOffset, LITTLE_ENDIAN);
        buffer.putInt(offset + CHUNK_LENGTH_OFFSET, chunkLength, LITTLE_ENDIAN);
        buffer.putInt(offset + PAYLOAD_LENGTH_OFFSET, payloadLength, LITTLE_ENDIAN);
        return this;
    }

    /** Marks the header as that of a complete batch: chunk 0 of 1 covering the whole payload. */
    public FrameHeaderEncoder completeBatch(int payloadLength) {
        return chunk(0, 1, 0, payloadLength, payloadLength);
    }
}
