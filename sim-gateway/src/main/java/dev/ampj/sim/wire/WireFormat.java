package dev.ampj.sim.wire;

/**
 * Byte layout of the tensor-batch wire format, version {@value #SCHEMA_VERSION}. All integers and
 * floats are little-endian. The full description for external simulators is
 * {@code sim-gateway/src/main/resources/dev/ampj/sim/wire/tensor-batch-wire-format.md}.
 *
 * <pre>
 * frame  = header (64 B) + payload bytes [chunkOffset, chunkOffset + chunkLength) of the batch
 * batch  = header (64 B, chunk 0 of 1) + payload
 * payload = column directory (columnCount x 96 B) + padding + column data (each 64 B aligned)
 * </pre>
 */
public final class WireFormat {

    /** "AMPT" in ASCII, read as a little-endian int32. */
    public static final int MAGIC = 0x54504D41;
    /**
     * The only schema version this code reads and writes. Version 2 added typed columns (int32,
     * int64, uint8 beside float32); version 1 knew only float32.
     */
    public static final int SCHEMA_VERSION = 2;

    public static final int HEADER_LENGTH = 64;
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int HEADER_LENGTH_OFFSET = 6;
    public static final int RUN_ID_OFFSET = 8;
    public static final int ITERATION_OFFSET = 16;
    public static final int SHARD_INDEX_OFFSET = 24;
    public static final int STREAM_KIND_OFFSET = 28;
    public static final int COLUMN_COUNT_OFFSET = 30;
    public static final int CHUNK_INDEX_OFFSET = 32;
    public static final int CHUNK_COUNT_OFFSET = 36;
    public static final int CHUNK_OFFSET_OFFSET = 40;
    public static final int CHUNK_LENGTH_OFFSET = 44;
    public static final int PAYLOAD_LENGTH_OFFSET = 48;
    /** Bytes 52..63 are reserved and written as zero. */
    public static final int RESERVED_OFFSET = 52;

    /** One fixed-size column directory entry, so column i is found without scanning. */
    public static final int COLUMN_ENTRY_LENGTH = 96;
    public static final int ENTRY_NAME_LENGTH_OFFSET = 0;
    public static final int ENTRY_DTYPE_OFFSET = 1;
    public static final int ENTRY_RANK_OFFSET = 2;
    public static final int ENTRY_DATA_OFFSET_OFFSET = 4;
    public static final int ENTRY_DATA_LENGTH_OFFSET = 8;
    public static final int ENTRY_DIMS_OFFSET = 12;
    public static final int ENTRY_NAME_OFFSET = 40;

    public static final int MAX_RANK = 6;
    public static final int MAX_NAME_LENGTH = COLUMN_ENTRY_LENGTH - ENTRY_NAME_OFFSET;
    public static final int MAX_COLUMNS = 0xFFFF;
    /** Column data starts on a cache-line boundary relative to the batch start. */
    public static final int DATA_ALIGNMENT = 64;

    /** dtype code of IEEE-754 binary32, little-endian. */
    public static final int DTYPE_FLOAT32 = 1;
    /** dtype code of two's-complement int32, little-endian. */
    public static final int DTYPE_INT32 = 2;
    /** dtype code of two's-complement int64, little-endian. */
    public static final int DTYPE_INT64 = 3;
    /** dtype code of uint8: opaque bytes, copied verbatim. */
    public static final int DTYPE_UINT8 = 4;
    public static final int FLOAT32_BYTES = 4;

    private WireFormat() {}

    /** Rounds {@code value} up to the next multiple of {@link #DATA_ALIGNMENT}. */
    public static int align(int value) {
        return (value + DATA_ALIGNMENT - 1) & -DATA_ALIGNMENT;
    }

    /** Offset of the first column's data for a batch of {@code columnCount} columns. */
    public static int firstDataOffset(int columnCount) {
        return align(HEADER_LENGTH + columnCount * COLUMN_ENTRY_LENGTH);
    }

    /** Bytes of one element of {@code dtype}, or -1 when the code is unknown. */
    public static int elementBytes(int dtype) {
        return switch (dtype) {
            case DTYPE_FLOAT32, DTYPE_INT32 -> 4;
            case DTYPE_INT64 -> 8;
            case DTYPE_UINT8 -> 1;
            default -> -1;
        };
    }

    /** Name of a dtype code, as the wire-format description spells it. */
    public static String dtypeName(int dtype) {
        return switch (dtype) {
            case DTYPE_FLOAT32 -> "float32";
            case DTYPE_INT32 -> "int32";
            case DTYPE_INT64 -> "int64";
            case DTYPE_UINT8 -> "uint8";
            default -> "unknown dtype " + dtype;
        };
    }

    /**
     * Exact encoded length of a batch whose columns hold {@code elementCounts[i]} float32 values:
     * what a caller allocates for {@link TensorBatchEncoder}.
     */
    public static int batchLength(long... elementCounts) {
        long[] bytes = new long[elementCounts.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = elementCounts[i] * FLOAT32_BYTES;
        }
        return batchLengthOfBytes(bytes);
    }

    /** Exact encoded length of a batch whose columns hold {@code dataLengths[i]} bytes of data (any dtype). */
    public static int batchLengthOfBytes(long... dataLengths) {
        long end = firstDataOffset(dataLengths.length);
        for (long n : dataLengths) {
            end = alignLong(end + n);
        }
        if (end > Integer.MAX_VALUE - DATA_ALIGNMENT) {
            throw new IllegalArgumentException("tensor batch of " + end + " bytes exceeds the 2 GiB limit of the wire format");
        }
        return (int) end;
    }

    private static long alignLong(long value) {
        return (value + DATA_ALIGNMENT - 1) & -DATA_ALIGNMENT;
    }
}
