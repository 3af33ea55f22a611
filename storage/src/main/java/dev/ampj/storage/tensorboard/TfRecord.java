package dev.ampj.storage.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard event files. One record is
 * <pre>
 *   uint64 length            (little-endian)
 *   uint32 masked_crc(length bytes)
 *   byte   data[length]
 *   uint32 masked_crc(data)
 * </pre>
 * where {@code masked_crc(x) = ((c >>> 15) | (c << 17)) + 0xa282ead8} and {@code c} is the CRC32C
 * of x: masking keeps a CRC of bytes that themselves hold CRCs from being degenerate.
 */
public final class TfRecord {

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecord() {}

    /** The masked CRC32C of {@code bytes[offset, offset + length)}, as TFRecord stores it. */
    public static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** {@code data} framed as one record. */
    public static byte[] frame(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc32c(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc32c(data, 0, data.length));
        return b.array();
    }

    /** Frames {@code records} one after the other. */
    public static byte[] frameAll(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            out.writeBytes(frame(r));
        }
        return out.toByteArray();
    }

    /**
     * The records of a whole file, both CRCs checked; {@code what} names the file in errors. A
     * truncated last record (a writer killed mid-append) is an error too.
     */
    public static List<byte[]> parse(byte[] file, String what) {
        List<byte[]> records = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int at = b.position();
            if (b.remaining() < 12) {
                throw new IllegalArgumentException(what + ": truncated record header at byte " + at);
            }
            long length = b.getLong();
            int lengthCrc = b.getInt();
            if (lengthCrc != maskedCrc32c(file, at, 8)) {
                throw new IllegalArgumentException(what + ": length CRC mismatch at byte " + at);
            }
            if (length < 0 || length > b.remaining() - 4) {
                throw new IllegalArgumentException(what + ": record at byte " + at + " of length " + length
                        + " runs past the end of the file");
            }
            byte[] data = new byte[(int) length];
            b.get(data);
            if (b.getInt() != maskedCrc32c(data, 0, data.length)) {
                throw new IllegalArgumentException(what + ": data CRC mismatch in the record at byte " + at);
            }
            records.add(data);
        }
        return records;
    }
}
