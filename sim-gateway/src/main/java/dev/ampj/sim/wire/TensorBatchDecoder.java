package dev.ampj.sim.wire;

import static dev.ampj.sim.wire.WireFormat.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Flyweight decoder of one complete tensor batch. {@link #wrap} checks the whole layout (header,
 * every directory entry, data bounds and alignment) once, so the accessors can trust it; any
 * inconsistency is a {@link WireFormatException} that says which field is wrong. Nothing is
 * allocated except by {@link #columnName}.
 */
public final class TensorBatchDecoder {

    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == LITTLE_ENDIAN;
    private static final long FLOAT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(float[].class);

    private final FrameHeaderDecoder header = new FrameHeaderDecoder();
    private DirectBuffer buffer;
    private int offset;
    private int length;

    /** Wraps the batch of exactly {@code length} bytes at {@code offset} and validates it. */
    public TensorBatchDecoder wrap(DirectBuffer buffer, int offset, int length) {
        header.wrap(buffer, offset, length);
        if (header.chunkCount() != 1) {
            throw new WireFormatException("frame is chunk " + header.chunkIndex() + " of " + header.chunkCount()
                    + ", not a complete batch; reassemble the chunks first");
        }
        header.checkFrameLength(length);
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        int columns = header.columnCount();
        long first = HEADER_LENGTH + (long) columns * COLUMN_ENTRY_LENGTH;
        if (first > length) {
            throw new WireFormatException("directory of " + columns + " columns needs " + first + " bytes, batch has " + length);
        }
        long previousEnd = align((int) first);
        for (int c = 0; c < columns; c++) {
            previousEnd = checkColumn(c, previousEnd);
        }
        if (previousEnd != length) {
            throw new WireFormatException("last column ends at " + previousEnd + ", batch length is " + length);
        }
        return this;
    }

    private long checkColumn(int c, long minOffset) {
        int entry = offset + HEADER_LENGTH + c * COLUMN_ENTRY_LENGTH;
        int nameLength = buffer.getByte(entry + ENTRY_NAME_LENGTH_OFFSET) & 0xFF;
        if (nameLength < 1 || nameLength > MAX_NAME_LENGTH) {
            throw new WireFormatException("column " + c + " has name length " + nameLength + ", expected 1.." + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < nameLength; i++) {
            byte b = buffer.getByte(entry + ENTRY_NAME_OFFSET + i);
            if (b < 0x21 || b > 0x7E) {
                throw new WireFormatException("column " + c + " name byte " + i + " is 0x" + Integer.toHexString(b & 0xFF) + ", not printable ASCII");
            }
        }
        int dtype = buffer.getByte(entry + ENTRY_DTYPE_OFFSET) & 0xFF;
        if (dtype != DTYPE_FLOAT32) {
            throw new WireFormatException("column " + c + " has dtype " + dtype + ", version " + SCHEMA_VERSION + " knows only float32 (" + DTYPE_FLOAT32 + ")");
        }
        int rank = buffer.getByte(entry + ENTRY_RANK_OFFSET) & 0xFF;
        if (rank > MAX_RANK) {
            throw new WireFormatException("column " + c + " has rank " + rank + ", at most " + MAX_RANK);
        }
        long elements = 1;
        for (int d = 0; d < rank; d++) {
            int dim = buffer.getInt(entry + ENTRY_DIMS_OFFSET + d * 4, LITTLE_ENDIAN);
            if (dim < 0) {
                throw new WireFormatException("column " + c + " dimension " + d + " is " + dim);
            }
            elements *= dim;
            if (elements > Integer.MAX_VALUE) {
                throw new WireFormatException("column " + c + " shape has more than 2^31 elements");
            }
        }
        int dataOffset = buffer.getInt(entry + ENTRY_DATA_OFFSET_OFFSET, LITTLE_ENDIAN);
        int dataLength = buffer.getInt(entry + ENTRY_DATA_LENGTH_OFFSET, LITTLE_ENDIAN);
        if (dataLength != elements * FLOAT32_BYTES) {
            throw new WireFormatException("column " + c + " data length " + dataLength + " does not match its shape ("
                    + elements + " float32 = " + elements * FLOAT32_BYTES + " bytes)");
        }
        if (dataOffset != minOffset) {
            throw new WireFormatException("column " + c + " data offset " + dataOffset + ", expected " + minOffset
                    + " (columns are packed in order, each " + DATA_ALIGNMENT + "-byte aligned)");
        }
        long end = (long) dataOffset + dataLength;
        if (end > length) {
            throw new WireFormatException("column " + c + " data [" + dataOffset + ", " + end + ") exceeds the batch length " + length);
        }
        return (end + DATA_ALIGNMENT - 1) & -DATA_ALIGNMENT;
    }

    public long runId() {
        return header.runId();
    }

    public long iteration() {
        return header.iteration();
    }

    public int shardIndex() {
        return header.shardIndex();
    }

    public StreamKind streamKind() {
        return header.streamKind();
    }

    public int columnCount() {
        return header.columnCount();
    }

    public int encodedLength() {
        return length;
    }

    public DirectBuffer buffer() {
        return buffer;
    }

    /** Index of the column named {@code name}, or -1 (no allocation). */
    public int columnIndex(CharSequence name) {
        for (int c = 0, n = columnCount(); c < n; c++) {
            int entry = entry(c);
            int nameLength = buffer.getByte(entry + ENTRY_NAME_LENGTH_OFFSET) & 0xFF;
            if (nameLength == name.length() && nameMatches(entry, name, nameLength)) {
                return c;
            }
        }
        return -1;
    }

    /** Index of the column named {@code name}; a clear error when the batch lacks it. */
    public int requireColumn(CharSequence name) {
        int c = columnIndex(name);
        if (c < 0) {
            throw new WireFormatException("batch (iteration " + iteration() + ", shard " + shardIndex() + ", " + streamKind()
                    + ") has no column '" + name + "'");
        }
        return c;
    }

    private boolean nameMatches(int entry, CharSequence name, int nameLength) {
        for (int i = 0; i < nameLength; i++) {
            if (buffer.getByte(entry + ENTRY_NAME_OFFSET + i) != (byte) name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public String columnName(int column) {
        int entry = entry(column);
        byte[] bytes = new byte[buffer.getByte(entry + ENTRY_NAME_LENGTH_OFFSET) & 0xFF];
        buffer.getBytes(entry + ENTRY_NAME_OFFSET, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    public int rank(int column) {
        return buffer.getByte(entry(column) + ENTRY_RANK_OFFSET) & 0xFF;
    }

    public int dim(int column, int d) {
        if (d < 0 || d >= rank(column)) {
            throw new IndexOutOfBoundsException("dimension " + d + " of a rank-" + rank(column) + " column");
        }
        return buffer.getInt(entry(column) + ENTRY_DIMS_OFFSET + d * 4, LITTLE_ENDIAN);
    }

    public int elementCount(int column) {
        return dataLength(column) / FLOAT32_BYTES;
    }

    /** Bytes of column data. */
    public int dataLength(int column) {
        return buffer.getInt(entry(column) + ENTRY_DATA_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /** Absolute buffer offset of column data (little-endian float32). */
    public int dataOffset(int column) {
        return offset + buffer.getInt(entry(column) + ENTRY_DATA_OFFSET_OFFSET, LITTLE_ENDIAN);
    }

    public float getFloat(int column, int element) {
        if (element < 0 || element >= elementCount(column)) {
            throw new IndexOutOfBoundsException("element " + element + " of column " + column + " with " + elementCount(column) + " elements");
        }
        return buffer.getFloat(dataOffset(column) + element * FLOAT32_BYTES, LITTLE_ENDIAN);
    }

    /** Copies the whole column into {@code dst} from {@code dstOffset}. */
    public void getFloats(int column, float[] dst, int dstOffset) {
        int count = elementCount(column);
        if (dstOffset < 0 || (long) dstOffset + count > dst.length) {
            throw new IndexOutOfBoundsException("column " + column + " has " + count + " floats; destination has "
                    + (dst.length - dstOffset) + " from offset " + dstOffset);
        }
        int at = dataOffset(column);
        if (NATIVE_LE) {
            UnsafeApi.copyMemory(buffer.byteArray(), buffer.addressOffset() + at,
                    dst, FLOAT_ARRAY_BASE + (long) dstOffset * FLOAT32_BYTES, (long) count * FLOAT32_BYTES);
        } else {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = buffer.getFloat(at + i * FLOAT32_BYTES, LITTLE_ENDIAN);
            }
        }
    }

    private int entry(int column) {
        if (column < 0 || column >= columnCount()) {
            throw new IndexOutOfBoundsException("column " + column + " of " + columnCount());
        }
        return offset + HEADER_LENGTH + column * COLUMN_ENTRY_LENGTH;
    }
}
