package dev.ampj.sim.motion.npy;

import dev.ampj.sim.motion.MotionFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Strict reader of one {@code .npy} array. The size the header claims is checked against the bytes
 * the file (or zip entry) really holds before anything is allocated, so a corrupt or hostile header
 * can never cause an out-of-memory; data are read in bounded chunks when the size is unknown.
 * Every failure is a {@link MotionFileException} naming the file, the entry and the problem.
 */
public final class NpyReader {

    /** Largest element count a Java array can hold. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 20;

    private NpyReader() {}

    /** Reads a standalone {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, Files.size(file), name, null, stem(file.getFileName().toString()));
        }
    }

    /**
     * Reads one array from {@code in}.
     *
     * @param available bytes the stream holds (header included), or -1 when unknown
     * @param file      the file, for messages
     * @param entry     the npz entry, for messages (null for a plain .npy)
     * @param arrayName the name given to the array
     */
    public static NpyArray read(InputStream in, long available, String file, String entry, String arrayName) throws IOException {
        NpyHeader header = header(in, file, entry);
        if (header.descr().length() >= 2 && header.descr().charAt(1) == 'O') { // |O, |O8: pickled objects
            throw new MotionFileException(file, entry, "holds pickled Python objects (dtype " + header.descr()
                    + "); only the amp-rsl-rl .npy dict format may hold objects, and .npz entries never");
        }
        NpyDType dtype;
        try {
            dtype = NpyDType.parse(header.descr());
        } catch (IllegalArgumentException e) {
            throw new MotionFileException(file, entry, e.getMessage());
        }
        byte[] data = data(in, available, header, dtype.itemSize(), file, entry);
        return decode(header, dtype, data, file, entry, arrayName);
    }

    /** Parses the header, turning format problems into a {@link MotionFileException}. */
    public static NpyHeader header(InputStream in, String file, String entry) throws IOException {
        try {
            return NpyHeader.read(in);
        } catch (IllegalArgumentException e) {
            throw new MotionFileException(file, entry, e.getMessage());
        }
    }

    /**
     * Reads exactly the data bytes the header announces, after checking the claim against what is
     * available; refuses trailing bytes too (a file that is longer than its header says is corrupt).
     */
    static byte[] data(InputStream in, long available, NpyHeader header, int itemSize, String file, String entry) throws IOException {
        long count = header.elementCount();
        String claim = "header shape " + NpyArray.shapeString(header.shape()) + " of " + header.descr();
        if (count > MAX_ELEMENTS) {
            throw new MotionFileException(file, entry, claim + " has " + count + " elements, more than a Java array holds");
        }
        long needed = count * itemSize;
        if (needed > MAX_ELEMENTS) {
            throw new MotionFileException(file, entry, claim + " needs " + needed + " bytes, more than a Java array holds");
        }
        if (available >= 0) {
            long held = available - header.headerBytes();
            if (held < needed) {
                throw new MotionFileException(file, entry, claim + " claims " + count + " elements (" + needed
                        + " bytes) but only " + Math.max(held, 0) + " data bytes are present");
            }
            if (held > needed) {
                throw new MotionFileException(file, entry, claim + " accounts for " + needed + " data bytes but "
                        + held + " are present (" + (held - needed) + " trailing bytes)");
            }
            byte[] exact = in.readNBytes((int) needed);
            if (exact.length != needed) {
                throw new MotionFileException(file, entry, claim + " claims " + needed + " data bytes but the stream ended after " + exact.length);
            }
            if (in.read() != -1) {
                throw new MotionFileException(file, entry, "the stream holds more bytes than its size says");
            }
            return exact;
        }
        // Unknown size: grow only as real bytes arrive, never by the header's claim.
        ByteArrayOutputStream buf = new ByteArrayOutputStream((int) Math.min(needed, CHUNK));
        long left = needed;
        while (left > 0) {
            byte[] chunk = in.readNBytes((int) Math.min(left, CHUNK));
            buf.writeBytes(chunk);
            if (chunk.length < Math.min(left, CHUNK)) {
                throw new MotionFileException(file, entry, claim + " claims " + count + " elements (" + needed
                        + " bytes) but only " + buf.size() + " data bytes are present");
            }
            left -= chunk.length;
        }
        if (in.read() != -1) {
            throw new MotionFileException(file, entry, claim + " accounts for " + needed + " data bytes but more are present (trailing bytes)");
        }
        return buf.toByteArray();
    }

    static NpyArray decode(NpyHeader header, NpyDType dtype, byte[] data, String file, String entry, String arrayName) {
        int n = (int) header.elementCount();
        int[] shape = header.shape();
        int[] order = header.fortranOrder() && shape.length > 1 ? fortranToC(shape) : null;
        ByteBuffer b = ByteBuffer.wrap(data).order(dtype.order());
        int size = dtype.itemSize();
        if (dtype.kind().numeric()) {
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                int at = order == null ? k : order[k];
                v[at] = number(b, k * size, dtype);
            }
            return NpyArray.ofNumbers(arrayName, dtype, shape, v);
        }
        String[] v = new String[n];
        for (int k = 0; k < n; k++) {
            int at = order == null ? k : order[k];
            try {
                v[at] = dtype.kind() == NpyDType.Kind.UNICODE ? utf32(b, k * size, size) : bytes(data, k * size, size);
            } catch (CharacterCodingException | IllegalArgumentException e) {
                throw new MotionFileException(file, entry, "element " + k + " of " + header.descr() + " is not valid text");
            }
        }
        return NpyArray.ofStrings(arrayName, dtype, shape, v);
    }

    private static double number(ByteBuffer b, int at, NpyDType t) {
        return switch (t.kind()) {
            case FLOAT -> t.itemSize() == 4 ? b.getFloat(at) : b.getDouble(at);
            case SIGNED -> switch (t.itemSize()) {
                case 1 -> b.get(at);
                case 2 -> b.getShort(at);
                case 4 -> b.getInt(at);
                default -> b.getLong(at);
            };
            case UNSIGNED -> switch (t.itemSize()) {
                case 1 -> b.get(at) & 0xFF;
                case 2 -> b.getShort(at) & 0xFFFF;
                case 4 -> b.getInt(at) & 0xFFFFFFFFL;
                default -> unsignedLong(b.getLong(at));
            };
            case BOOL -> b.get(at) != 0 ? 1.0 : 0.0;
            default -> throw new IllegalStateException("not numeric: " + t);
        };
    }

    private static double unsignedLong(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1L);
    }

    private static String utf32(ByteBuffer b, int at, int size) {
        StringBuilder sb = new StringBuilder(size / 4);
        int end = at + size;
        // numpy pads with NUL code points; strip them from the end only.
        while (end > at && b.getInt(end - 4) == 0) {
            end -= 4;
        }
        for (int p = at; p < end; p += 4) {
            int cp = b.getInt(p);
            if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw new IllegalArgumentException("bad code point " + cp);
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static String bytes(byte[] data, int at, int size) throws CharacterCodingException {
        int end = at + size;
        while (end > at && data[end - 1] == 0) {
            end--;
        }
        CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(data, at, end - at));
        return cb.toString();
    }

    /** For each element in Fortran (column-major) file order, its index in C order. */
    static int[] fortranToC(int[] shape) {
        int n = (int) NpyArray.elementCount(shape);
        int rank = shape.length;
        int[] cStride = new int[rank];
        int s = 1;
        for (int a = rank - 1; a >= 0; a--) {
            cStride[a] = s;
            s *= shape[a];
        }
        int[] idx = new int[rank];
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            int c = 0;
            for (int a = 0; a < rank; a++) {
                c += idx[a] * cStride[a];
            }
            out[k] = c;
            for (int a = 0; a < rank; a++) { // first axis varies fastest in Fortran order
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return out;
    }

    static String stem(String fileName) {
        return fileName.endsWith(".npy") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }
}
