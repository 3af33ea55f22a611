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
    private static final long INT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(int[].class);
    private static final long LONG_ARRAY_BASE = UnsafeApi.arrayBaseOffset(long[].class);

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
        int elementBytes = elementBytes(dtype);
        if (elementBytes < 0) {
            throw new WireFormatException("column " + c + " has dtype " + dtype + ", version " + SCHEMA_VERSION + " knows float32 ("
                    + DTYPE_FLOAT32 + "), int32 (" + DTYPE_INT32 + "), int64 (" + DTYPE_INT64 + ") and uint8 (" + DTYPE_UINT8 + ")");
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
        if (dataLength != elements * elementBytes) {
            throw new WireFormatException("column " + c + " data length " + dataLength + " does not match its shape ("
                    + elements + " " + dtypeName(dtype) + " = " + elements * elementBytes + " bytes)");
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

    /** The {@code WireFormat.DTYPE_*} code of a column. */
    public int dtype(int column) {
        return buffer.getByte(entry(column) + ENTRY_DTYPE_OFFSET) & 0xFF;
    }

    /** Number of elements of a column (of its dtype). */
    public int elementCount(int column) {
        return dataLength(column) / elementBytes(dtype(column));
    }

    /** Bytes of column data. */
    public int dataLength(int column) {
        return buffer.getInt(entry(column) + ENTRY_DATA_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /** Absolute buffer offset of column data (little-endian values of its dtype). */
    public int dataOffset(int column) {
        return offset + buffer.getInt(entry(column) + ENTRY_DATA_OFFSET_OFFSET, LITTLE_ENDIAN);
    }

    public float getFloat(int column, int element) {
        return buffer.getFloat(rangeOffset(column, DTYPE_FLOAT32, element, 1, 0, 1), LITTLE_ENDIAN);
    }

    /** Copies the whole float32 column into {@code dst} from {@code dstOffset}. */
    public void getFloats(int column, float[] dst, int dstOffset) {
        getFloats(column, 0, dst, dstOffset, elementCount(column));
    }

    /** Copies elements [element, element + count) of the float32 column into {@code dst} from {@code dstOffset}. */
    public void getFloats(int column, int element, float[] dst, int dstOffset, int count) {
        int at = rangeOffset(column, DTYPE_FLOAT32, element, count, dstOffset, dst.length);
        if (NATIVE_LE) {
            copyOut(at, dst, FLOAT_ARRAY_BASE + (long) dstOffset * 4, (long) count * 4);
        } else {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = buffer.getFloat(at + i * 4, LITTLE_ENDIAN);
            }
        }
    }

    /** Copies elements [element, element + count) of the int32 column into {@code dst} from {@code dstOffset}. */
    public void getInts(int column, int element, int[] dst, int dstOffset, int count) {
        int at = rangeOffset(column, DTYPE_INT32, element, count, dstOffset, dst.length);
        if (NATIVE_LE) {
            copyOut(at, dst, INT_ARRAY_BASE + (long) dstOffset * 4, (long) count * 4);
        } else {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = buffer.getInt(at + i * 4, LITTLE_ENDIAN);
            }
        }
    }

    /** Copies elements [element, element + count) of the int64 column into {@code dst} from {@code dstOffset}. */
    public void getLongs(int column, int element, long[] dst, int dstOffset, int count) {
        int at = rangeOffset(column, DTYPE_INT64, element, count, dstOffset, dst.length);
        if (NATIVE_LE) {
            copyOut(at, dst, LONG_ARRAY_BASE + (long) dstOffset * 8, (long) count * 8);
        } else {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] = buffer.getLong(at + i * 8, LITTLE_ENDIAN);
            }
        }
    }

    /** Copies elements [element, element + count) of the uint8 column into {@code dst} from {@code dstOffset}. */
    public void getBytes(int column, int element, byte[] dst, int dstOffset, int count) {
        int at = rangeOffset(column, DTYPE_UINT8, element, count, dstOffset, dst.length);
        buffer.getBytes(at, dst, dstOffset, count);
    }

    /**
     * Checks a copy of {@code count} elements of {@code column} and returns the absolute offset of the
     * first; a column of another dtype is a {@link WireFormatException} (the batch is not what the
     * reader expects), a range outside the column or the destination an IndexOutOfBoundsException.
     */
    private int rangeOffset(int column, int dtype, int element, int count, int dstOffset, int dstLength) {
        int actual = dtype(column);
        if (actual != dtype) {
            throw new WireFormatException("column '" + columnName(column) + "' is " + dtypeName(actual) + ", read as " + dtypeName(dtype));
        }
        int elements = elementCount(column);
        if (element < 0 || count < 0 || (long) element + count > elements || dstOffset < 0 || (long) dstOffset + count > dstLength) {
            throw new IndexOutOfBoundsException("copy of " + count + " elements from element " + element + " of column " + column
                    + " (" + elements + " elements) to offset " + dstOffset + " of an array of " + dstLength);
        }
        return dataOffset(column) + element * elementBytes(dtype);
    }

    private void copyOut(int at, Object dst, long dstAddress, long bytes) {
        UnsafeApi.copyMemory(buffer.byteArray(), buffer.addressOffset() + at, dst, dstAddress, bytes);
    }

    private int entry(int column) {
        if (column < 0 || column >= columnCount()) {
            throw new IndexOutOfBoundsException("column " + column + " of " + columnCount());
        }
        return offset + HEADER_LENGTH + column * COLUMN_ENTRY_LENGTH;
    }
}
