package dev.ampj.sim.motion.npy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one array as {@code .npy} bytes in its own dtype (endianness and width included), in C or
 * Fortran order: what numpy's {@code np.save} produces for the same array.
 */
public final class NpyWriter {

    private NpyWriter() {}

    public static byte[] toBytes(NpyArray a) {
        return toBytes(a, false);
    }

    public static byte[] toBytes(NpyArray a, boolean fortranOrder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, a, fortranOrder);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory stream
        }
        return out.toByteArray();
    }

    public static void write(Path file, NpyArray a) throws IOException {
        Files.write(file, toBytes(a));
    }

    public static void write(OutputStream out, NpyArray a, boolean fortranOrder) throws IOException {
        NpyDType t = a.dtype();
        int[] shape = a.shape();
        boolean f = fortranOrder && shape.length > 1;
        out.write(NpyHeader.encode(t.descr(), f, shape));
        int n = a.size();
        int[] order = f ? NpyReader.fortranToC(shape) : null;
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, t.itemSize())).order(t.order());
        double[] v = a.isNumeric() ? a.doubles() : null;
        String[] s = a.isString() ? a.strings() : null;
        for (int k = 0; k < n; k++) {
            int at = order == null ? k : order[k];
            int pos = k * t.itemSize();
            if (v != null) {
                putNumber(b, pos, t, v[at]);
            } else {
                putString(b, pos, t, s[at], a.name());
            }
        }
        out.write(b.array());
    }

    private static void putNumber(ByteBuffer b, int pos, NpyDType t, double x) {
        switch (t.kind()) {
            case FLOAT -> {
                if (t.itemSize() == 4) {
                    b.putFloat(pos, (float) x);
                } else {
                    b.putDouble(pos, x);
                }
            }
            case SIGNED, UNSIGNED -> {
                long l = (long) x;
                switch (t.itemSize()) {
                    case 1 -> b.put(pos, (byte) l);
                    case 2 -> b.putShort(pos, (short) l);
                    case 4 -> b.putInt(pos, (int) l);
                    default -> b.putLong(pos, l);
                }
            }
            case BOOL -> b.put(pos, (byte) (x != 0 ? 1 : 0));
            default -> throw new IllegalStateException("not numeric: " + t);
        }
    }

    private static void putString(ByteBuffer b, int pos, NpyDType t, String s, String name) {
        if (t.kind() == NpyDType.Kind.UNICODE) {
            int[] cps = s.codePoints().toArray();
            if (cps.length * 4 > t.itemSize()) {
                throw new IllegalArgumentException("array '" + name + "': '" + s + "' does not fit " + t.descr());
            }
            for (int i = 0; i < cps.length; i++) {
                b.putInt(pos + 4 * i, cps[i]);
            }
        } else {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > t.itemSize()) {
                throw new IllegalArgumentException("array '" + name + "': '" + s + "' does not fit " + t.descr());
            }
            b.put(pos, bytes);
        }
    }
}
