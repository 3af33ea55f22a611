package dev.ampj.sim.wire;

import static dev.ampj.sim.wire.WireFormat.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/**
 * Flyweight over the 64-byte header that starts every frame (and every complete batch). It reads
 * in place, allocates nothing on the valid path, and checks the header on {@link #wrap}: a bad
 * magic, an unknown schema version or chunk fields that contradict each other give a
 * {@link WireFormatException} naming the field and the value.
 */
public final class FrameHeaderDecoder {

    private DirectBuffer buffer;
    private int offset;

    /**
     * Wraps the header at {@code offset}; {@code available} is the number of readable bytes from
     * there (at least the header; the chunk bytes may still be arriving).
     */
    public FrameHeaderDecoder wrap(DirectBuffer buffer, int offset, int available) {
        if (available < HEADER_LENGTH) {
            throw new WireFormatException("frame of " + available + " bytes is shorter than the " + HEADER_LENGTH + "-byte header");
        }
        this.buffer = buffer;
        this.offset = offset;
        int magic = buffer.getInt(offset + MAGIC_OFFSET, LITTLE_ENDIAN);
        if (magic != MAGIC) {
            throw new WireFormatException(String.format("bad frame magic 0x%08x, expected 0x%08x (\"AMPT\")", magic, MAGIC));
        }
        int version = schemaVersion();
        if (version == 1) {
            throw new WireFormatException("tensor-batch schema version 1 (float32-only columns) is no longer read; this build reads"
                    + " version " + SCHEMA_VERSION + " (typed columns): run the same build on every sender and receiver");
        }
        if (version != SCHEMA_VERSION) {
            throw new WireFormatException("unsupported tensor-batch schema version " + version + "; this build reads version " + SCHEMA_VERSION);
        }
        int headerLength = buffer.getShort(offset + HEADER_LENGTH_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
        if (headerLength != HEADER_LENGTH) {
            throw new WireFormatException("header length " + headerLength + " in a version " + version + " frame, expected " + HEADER_LENGTH);
        }
        int kind = streamKindCode();
        if (StreamKind.fromCodeOrNull(kind) == null) {
            throw new WireFormatException("unknown stream kind code " + kind + " in frame header");
        }
        if (iteration() < 0 || shardIndex() < 0) {
            throw new WireFormatException("iteration " + iteration() + " and shard index " + shardIndex() + " must be non-negative");
        }
        int chunkCount = chunkCount();
        int chunkIndex = chunkIndex();
        if (chunkCount < 1 || chunkIndex < 0 || chunkIndex >= chunkCount) {
            throw new WireFormatException("chunk index " + chunkIndex + " of chunk count " + chunkCount + " is out of range");
        }
        long chunkEnd = (long) chunkOffset() + chunkLength();
        if (chunkOffset() < 0 || chunkLength() < 0 || payloadLength() < 0 || chunkEnd > payloadLength()) {
            throw new WireFormatException("chunk [" + chunkOffset() + ", " + chunkEnd + ") lies outside the payload of "
                    + payloadLength() + " bytes");
        }
        if (chunkIndex == chunkCount - 1 && chunkEnd != payloadLength()) {
            throw new WireFormatException("last chunk " + chunkIndex + " ends at " + chunkEnd + ", payload length is " + payloadLength());
        }
        if (chunkIndex == 0 && chunkOffset() != 0) {
            throw new WireFormatException("chunk 0 starts at payload offset " + chunkOffset() + ", expected 0");
        }
        return this;
    }

    /** Checks that a whole frame of {@code frameLength} bytes is exactly header + chunk. */
    public FrameHeaderDecoder checkFrameLength(int frameLength) {
        if (frameLength != HEADER_LENGTH + chunkLength()) {
            throw new WireFormatException("frame of " + frameLength + " bytes, header says " + HEADER_LENGTH + " + chunk length " + chunkLength());
        }
        return this;
    }

    public int schemaVersion() {
        return buffer.getShort(offset + VERSION_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    public long runId() {
        return buffer.getLong(offset + RUN_ID_OFFSET, LITTLE_ENDIAN);
    }

    public long iteration() {
        return buffer.getLong(offset + ITERATION_OFFSET, LITTLE_ENDIAN);
    }

    public int shardIndex() {
        return buffer.getInt(offset + SHARD_INDEX_OFFSET, LITTLE_ENDIAN);
    }

    public int streamKindCode() {
        return buffer.getShort(offset + STREAM_KIND_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    public StreamKind streamKind() {
        return StreamKind.fromCode(streamKindCode());
    }

    public int columnCount() {
        return buffer.getShort(offset + COLUMN_COUNT_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    public int chunkIndex() {
        return buffer.getInt(offset + CHUNK_INDEX_OFFSET, LITTLE_ENDIAN);
    }

    public int chunkCount() {
        return buffer.getInt(offset + CHUNK_COUNT_OFFSET, LITTLE_ENDIAN);
    }

    public int chunkOffset() {
        return buffer.getInt(offset + CHUNK_OFFSET_OFFSET, LITTLE_ENDIAN);
    }

    public int chunkLength() {
        return buffer.getInt(offset + CHUNK_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    public int payloadLength() {
        return buffer.getInt(offset + PAYLOAD_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /** Header + payload: the length of the complete batch this frame belongs to. */
    public int batchLength() {
        return HEADER_LENGTH + payloadLength();
    }
}
