package dev.ampj.sim.wire;

import static dev.ampj.sim.wire.WireFormat.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Flyweight encoder of one tensor batch into a caller's buffer: {@link #header}, then exactly
 * {@code columnCount} {@link #addColumn}s (each reserves its aligned data region), then the data,
 * written with {@link #putFloats} or directly at {@link #dataOffset}. Reuse one encoder and one
 * buffer per stream: nothing is allocated.
 */
public final class TensorBatchEncoder {

    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == LITTLE_ENDIAN;
    private static final long FLOAT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(float[].class);

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

    /** Adds a rank-1 column of {@code dim0} floats; returns its column index. */
    public int addColumn(CharSequence name, int dim0) {
        return addColumn(name, 1, dim0, 0);
    }

    /** Adds a rank-2 column ({@code dim0} rows of {@code dim1}); returns its column index. */
    public int addColumn(CharSequence name, int dim0, int dim1) {
        return addColumn(name, 2, dim0, dim1);
    }

    /** Adds a column of shape {@code dims} (rank 0..{@value WireFormat#MAX_RANK}); returns its column index. */
    public int addColumn(CharSequence name, int[] dims) {
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException("column '" + name + "' has rank " + dims.length + ", at most " + MAX_RANK);
        }
        int column = beginColumn(name);
        long elements = 1;
        for (int d = 0; d < dims.length; d++) {
            elements = checkDim(name, elements, dims[d]);
        }
        return endColumn(column, name, dims.length, elements, dims, 0, 0);
    }

    private int addColumn(CharSequence name, int rank, int dim0, int dim1) {
        int column = beginColumn(name);
        long elements = checkDim(name, 1, dim0);
        if (rank == 2) {
            elements = checkDim(name, elements, dim1);
        }
        return endColumn(column, name, rank, elements, null, dim0, dim1);
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

    private static long checkDim(CharSequence name, long elements, int dim) {
        if (dim < 0) {
            throw new IllegalArgumentException("column '" + name + "' has negative dimension " + dim);
        }
        long n = elements * dim;
        if (n > Integer.MAX_VALUE / FLOAT32_BYTES) {
            throw new IllegalArgumentException("column '" + name + "' has more than " + Integer.MAX_VALUE / FLOAT32_BYTES + " elements");
        }
        return n;
    }

    private int endColumn(int column, CharSequence name, int rank, long elements, int[] dims, int dim0, int dim1) {
        int dataLength = (int) (elements * FLOAT32_BYTES);
        long end = (long) nextDataOffset + dataLength;
        long alignedEnd = (end + DATA_ALIGNMENT - 1) & -DATA_ALIGNMENT;
        ensureCapacity(alignedEnd, "column '" + name + "'");
        int entry = offset + HEADER_LENGTH + column * COLUMN_ENTRY_LENGTH;
        buffer.putByte(entry + ENTRY_NAME_LENGTH_OFFSET, (byte) name.length());
        buffer.putByte(entry + ENTRY_DTYPE_OFFSET, (byte) DTYPE_FLOAT32);
        buffer.putByte(entry + ENTRY_RANK_OFFSET, (byte) rank);
        buffer.putInt(entry + ENTRY_DATA_OFFSET_OFFSET, nextDataOffset, LITTLE_ENDIAN);
        buffer.putInt(entry + ENTRY_DATA_LENGTH_OFFSET, dataLength, LITTLE_ENDIAN);
        for (int d = 0; d < rank; d++) {
            int dim = dims != null ? dims[d] : (d == 0 ? dim0 : dim1);
            buffer.putInt(entry + ENTRY_DIMS_OFFSET + d * 4, dim, LITTLE_ENDIAN);
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

    /** Absolute buffer offset of column data: producers may write little-endian floats there directly. */
    public int dataOffset(int column) {
        checkColumn(column);
        return offset + buffer.getInt(offset + HEADER_LENGTH + column * COLUMN_ENTRY_LENGTH + ENTRY_DATA_OFFSET_OFFSET, LITTLE_ENDIAN);
    }

    /** Number of float32 elements of a column. */
    public int elementCount(int column) {
        checkColumn(column);
        return buffer.getInt(offset + HEADER_LENGTH + column * COLUMN_ENTRY_LENGTH + ENTRY_DATA_LENGTH_OFFSET, LITTLE_ENDIAN) / FLOAT32_BYTES;
    }

    public TensorBatchEncoder putFloat(int column, int element, float value) {
        if (element < 0 || element >= elementCount(column)) {
            throw new IndexOutOfBoundsException("element " + element + " of column " + column + " with " + elementCount(column) + " elements");
        }
        buffer.putFloat(dataOffset(column) + element * FLOAT32_BYTES, value, LITTLE_ENDIAN);
        return this;
    }

    /** Copies {@code count} floats of {@code src} from {@code srcOffset} into the column from element {@code element}. */
    public TensorBatchEncoder putFloats(int column, int element, float[] src, int srcOffset, int count) {
        int elements = elementCount(column);
        if (element < 0 || count < 0 || (long) element + count > elements || srcOffset < 0 || (long) srcOffset + count > src.length) {
            throw new IndexOutOfBoundsException("putFloats(column " + column + ", element " + element + ", count " + count
                    + ") on a column of " + elements + " elements from an array of " + src.length);
        }
        int at = dataOffset(column) + element * FLOAT32_BYTES;
        if (NATIVE_LE) {
            buffer.boundsCheck(at, count * FLOAT32_BYTES);
            UnsafeApi.copyMemory(src, FLOAT_ARRAY_BASE + (long) srcOffset * FLOAT32_BYTES,
                    buffer.byteArray(), buffer.addressOffset() + at, (long) count * FLOAT32_BYTES);
        } else {
            for (int i = 0; i < count; i++) {
                buffer.putFloat(at + i * FLOAT32_BYTES, src[srcOffset + i], LITTLE_ENDIAN);
            }
        }
        return this;
    }

    /** Fills a whole column from {@code src}, whose length must equal the column's element count. */
    public TensorBatchEncoder putFloats(int column, float[] src) {
        if (src.length != elementCount(column)) {
            throw new IllegalArgumentException("column " + column + " holds " + elementCount(column) + " floats, got " + src.length);
        }
        return putFloats(column, 0, src, 0, src.length);
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
