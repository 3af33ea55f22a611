package dev.ampj.sim.wire;

import static dev.ampj.sim.wire.WireFormat.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Flyweight encoder of one tensor batch into a caller's buffer: {@link #header}, then exactly
 * {@code columnCount} {@link #addColumn}s (each reserves its aligned data region, typed by a
 * {@code WireFormat.DTYPE_*} code), then the data, written with the typed puts or directly at
 * {@link #dataOffset}. Reuse one encoder and one buffer per stream: nothing is allocated.
 */
public final class TensorBatchEncoder {

    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == LITTLE_ENDIAN;
    private static final long FLOAT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(float[].class);
    private static final long INT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(int[].class);
    private static final long LONG_ARRAY_BASE = UnsafeApi.arrayBaseOffset(long[].class);

    private final FrameHeaderEncoder header = new FrameHeaderEncoder();
    private MutableDirectBuffer buffer;
    private int offset;
    private int capacity;
    private int columnCount;
    private int columnsAdded;
    private int nextDataOffset;

    /** Encodes at {@code offset}; the batch may use the buffer up to its capacity. */
    public TensorBatchEncoder wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        this.capacity = buffer.capacity() - offset;
        this.columnCount = -1;
        return this;
    }

    public TensorBatchEncoder header(long runId, long iteration, int shardIndex, StreamKind kind, int columnCount) {
        int first = firstDataOffset(columnCount);
        ensureCapacity(first, "column directory");
        header.wrap(buffer, offset).batch(runId, iteration, shardIndex, kind, columnCount);
        buffer.setMemory(offset + HEADER_LENGTH, first - HEADER_LENGTH, (byte) 0);
        this.columnCount = columnCount;
        this.columnsAdded = 0;
        this.nextDataOffset = first;
        header.completeBatch(first - HEADER_LENGTH);
        return this;
    }

    /** Adds a rank-1 float32 column of {@code dim0} floats; returns its column index. */
    public int addColumn(CharSequence name, int dim0) {
        return addColumn(name, DTYPE_FLOAT32, 1, null, dim0, 0);
    }

    /** Adds a rank-2 float32 column ({@code dim0} rows of {@code dim1}); returns its column index. */
    public int addColumn(CharSequence name, int dim0, int dim1) {
        return addColumn(name, DTYPE_FLOAT32, 2, null, dim0, dim1);
    }

    /** Adds a float32 column of shape {@code dims} (rank 0..{@value WireFormat#MAX_RANK}); returns its column index. */
    public int addColumn(CharSequence name, int[] dims) {
        return addColumn(name, DTYPE_FLOAT32, dims);
    }

    /** Adds a column of {@code dtype} (a {@code WireFormat.DTYPE_*} code) and shape {@code dims}; returns its column index. */
    public int addColumn(CharSequence name, int dtype, int[] dims) {
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException("column '" + name + "' has rank " + dims.length + ", at most " + MAX_RANK);
        }
        return addColumn(name, dtype, dims.length, dims, 0, 0);
    }

    /** The shape is {@code dims}, or (no allocation) {@code [dim0]} / {@code [dim0, dim1]} when {@code dims} is null. */
    private int addColumn(CharSequence name, int dtype, int rank, int[] dims, int dim0, int dim1) {
        int elementBytes = elementBytes(dtype);
        if (elementBytes < 0) {
            throw new IllegalArgumentException("column '" + name + "' has unknown dtype code " + dtype);
        }
        int column = beginColumn(name);
        long elements = 1;
        for (int d = 0; d < rank; d++) {
            elements = checkDim(name, elements, dim(dims, d, dim0, dim1), elementBytes);
        }
        return endColumn(column, name, dtype, elements * elementBytes, rank, dims, dim0, dim1);
    }

    private static int dim(int[] dims, int d, int dim0, int dim1) {
        return dims != null ? dims[d] : (d == 0 ? dim0 : dim1);
    }

    private int beginColumn(CharSequence name) {
        if (columnCount < 0) {
            throw new IllegalStateException("header(...) must be written before columns");
        }
        if (columnsAdded == columnCount) {
            throw new IllegalStateException("batch already has its " + columnCount + " columns; cannot add '" + name + "'");
        }
        int length = name.length();
        if (length == 0 || length > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("column name '" + name + "' must be 1.." + MAX_NAME_LENGTH + " ASCII characters");
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("column name '" + name + "' has a character outside printable ASCII at " + i);
            }
        }
        for (int c = 0; c < columnsAdded; c++) {
            if (nameEquals(c, name)) {
                throw new IllegalArgumentException("duplicate column name '" + name + "'");
            }
        }
        return columnsAdded;
    }

    private static long checkDim(CharSequence name, long elements, int dim, int elementBytes) {
        if (dim < 0) {
            throw new IllegalArgumentException("column '" + name + "' has negative dimension " + dim);
        }
        long n = elements * dim;
        if (n > Integer.MAX_VALUE / elementBytes) {
            throw new IllegalArgumentException("column '" + name + "' has more than " + Integer.MAX_VALUE / elementBytes + " elements");
        }
        return n;
    }

    private int endColumn(int column, CharSequence name, int dtype, long bytes, int rank, int[] dims, int dim0, int dim1) {
        int dataLength = (int) bytes;
        long end = (long) nextDataOffset + dataLength;
        long alignedEnd = (end + DATA_ALIGNMENT - 1) & -DATA_ALIGNMENT;
        ensureCapacity(alignedEnd, "column '" + name + "'");
        int entry = offset + HEADER_LENGTH + column * COLUMN_ENTRY_LENGTH;
        buffer.putByte(entry + ENTRY_NAME_LENGTH_OFFSET, (byte) name.length());
        buffer.putByte(entry + ENTRY_DTYPE_OFFSET, (byte) dtype);
        buffer.putByte(entry + ENTRY_RANK_OFFSET, (byte) rank);
        buffer.putInt(entry + ENTRY_DATA_OFFSET_OFFSET, nextDataOffset, LITTLE_ENDIAN);
        buffer.putInt(entry + ENTRY_DATA_LENGTH_OFFSET, dataLength, LITTLE_ENDIAN);
        for (int d = 0; d < rank; d++) {
            buffer.putInt(entry + ENTRY_DIMS_OFFSET + d * 4, dim(dims, d, dim0, dim1), LITTLE_ENDIAN);
        }
        for (int i = 0; i < name.length(); i++) {
            buffer.putByte(entry + ENTRY_NAME_OFFSET + i, (byte) name.charAt(i));
        }
        int padding = (int) (alignedEnd - end);
        buffer.setMemory(offset + (int) end, padding, (byte) 0);
        nextDataOffset = (int) alignedEnd;
        columnsAdded++;
        header.completeBatch(nextDataOffset - HEADER_LENGTH);
        return column;
    }

    private void ensureCapacity(long needed, String what) {
        if (needed > capacity) {
            throw new IllegalArgumentException("tensor batch buffer too small for " + what + ": needs " + needed
                    + " bytes, capacity is " + capacity);
        }
    }

    private boolean nameEquals(int column, CharSequence name) {
        int entry = offset + HEADER_LENGTH + column * COLUMN_ENTRY_LENGTH;
        int length = buffer.getByte(entry + ENTRY_NAME_LENGTH_OFFSET) & 0xFF;
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buffer.getByte(entry + ENTRY_NAME_OFFSET + i) != (byte) name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Absolute buffer offset of column data: producers may write little-endian values there directly. */
    public int dataOffset(int column) {
        checkColumn(column);
        return offset + buffer.getInt(entry(column) + ENTRY_DATA_OFFSET_OFFSET, LITTLE_ENDIAN);
    }

    /** The {@code WireFormat.DTYPE_*} code of a column. */
    public int dtype(int column) {
        checkColumn(column);
        return buffer.getByte(entry(column) + ENTRY_DTYPE_OFFSET) & 0xFF;
    }

    /** Number of elements of a column (of its dtype). */
    public int elementCount(int column) {
        checkColumn(column);
        return buffer.getInt(entry(column) + ENTRY_DATA_LENGTH_OFFSET, LITTLE_ENDIAN) / elementBytes(dtype(column));
    }

    public TensorBatchEncoder putFloat(int column, int element, float value) {
        requireDtype(column, DTYPE_FLOAT32);
        if (element < 0 || element >= elementCount(column)) {
            throw new IndexOutOfBoundsException("element " + element + " of column " + column + " with " + elementCount(column) + " elements");
        }
        buffer.putFloat(dataOffset(column) + element * FLOAT32_BYTES, value, LITTLE_ENDIAN);
        return this;
    }

    /** Copies {@code count} floats of {@code src} from {@code srcOffset} into the float32 column from element {@code element}. */
    public TensorBatchEncoder putFloats(int column, int element, float[] src, int srcOffset, int count) {
        int at = rangeOffset(column, DTYPE_FLOAT32, element, count, srcOffset, src.length);
        if (NATIVE_LE) {
            copyIn(src, FLOAT_ARRAY_BASE + (long) srcOffset * 4, at, (long) count * 4);
        } else {
            for (int i = 0; i < count; i++) {
                buffer.putFloat(at + i * 4, src[srcOffset + i], LITTLE_ENDIAN);
            }
        }
        return this;
    }

    /** Fills a whole float32 column from {@code src}, whose length must equal the column's element count. */
    public TensorBatchEncoder putFloats(int column, float[] src) {
        requireLength(column, src.length);
        return putFloats(column, 0, src, 0, src.length);
    }

    /** Copies {@code count} ints of {@code src} from {@code srcOffset} into the int32 column from element {@code element}. */
    public TensorBatchEncoder putInts(int column, int element, int[] src, int srcOffset, int count) {
        int at = rangeOffset(column, DTYPE_INT32, element, count, srcOffset, src.length);
        if (NATIVE_LE) {
            copyIn(src, INT_ARRAY_BASE + (long) srcOffset * 4, at, (long) count * 4);
        } else {
            for (int i = 0; i < count; i++) {
                buffer.putInt(at + i * 4, src[srcOffset + i], LITTLE_ENDIAN);
            }
        }
        return this;
    }

    /** Copies {@code count} longs of {@code src} from {@code srcOffset} into the int64 column from element {@code element}. */
    public TensorBatchEncoder putLongs(int column, int element, long[] src, int srcOffset, int count) {
        int at = rangeOffset(column, DTYPE_INT64, element, count, srcOffset, src.length);
        if (NATIVE_LE) {
            copyIn(src, LONG_ARRAY_BASE + (long) srcOffset * 8, at, (long) count * 8);
        } else {
            for (int i = 0; i < count; i++) {
                buffer.putLong(at + i * 8, src[srcOffset + i], LITTLE_ENDIAN);
            }
        }
        return this;
    }

    /** Copies {@code count} bytes of {@code src} from {@code srcOffset} into the uint8 column from element {@code element}. */
    public TensorBatchEncoder putBytes(int column, int element, byte[] src, int srcOffset, int count) {
        int at = rangeOffset(column, DTYPE_UINT8, element, count, srcOffset, src.length);
        buffer.putBytes(at, src, srcOffset, count);
        return this;
    }

    private void requireLength(int column, int length) {
        if (length != elementCount(column)) {
            throw new IllegalArgumentException("column " + column + " holds " + elementCount(column) + " elements, got " + length);
        }
    }

    private void requireDtype(int column, int dtype) {
        if (dtype(column) != dtype) {
            throw new IllegalArgumentException("column " + column + " is " + dtypeName(dtype(column)) + ", not " + dtypeName(dtype));
        }
    }

    /** Checks a copy of {@code count} elements into {@code column} and returns the absolute offset of its first element. */
    private int rangeOffset(int column, int dtype, int element, int count, int srcOffset, int srcLength) {
        requireDtype(column, dtype);
        int elements = elementCount(column);
        if (element < 0 || count < 0 || (long) element + count > elements || srcOffset < 0 || (long) srcOffset + count > srcLength) {
            throw new IndexOutOfBoundsException("copy of " + count + " elements to element " + element + " of column " + column
                    + " (" + elements + " elements) from offset " + srcOffset + " of an array of " + srcLength);
        }
        return dataOffset(column) + element * elementBytes(dtype);
    }

    private void copyIn(Object src, long srcAddress, int at, long bytes) {
        buffer.boundsCheck(at, (int) bytes);
        UnsafeApi.copyMemory(src, srcAddress, buffer.byteArray(), buffer.addressOffset() + at, bytes);
    }

    private int entry(int column) {
        return offset + HEADER_LENGTH + column * COLUMN_ENTRY_LENGTH;
    }

    private void checkColumn(int column) {
        if (column < 0 || column >= columnsAdded) {
            throw new IndexOutOfBoundsException("column " + column + " not added (" + columnsAdded + " of " + columnCount + " added)");
        }
    }

    /** Length of the complete batch; all announced columns must have been added. */
    public int encodedLength() {
        if (columnCount < 0 || columnsAdded != columnCount) {
            throw new IllegalStateException("batch is incomplete: " + Math.max(columnsAdded, 0) + " of " + columnCount + " columns added");
        }
        return nextDataOffset;
    }
}
