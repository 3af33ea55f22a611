package dev.ampj.common;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of numeric state in a fixed (little-endian) byte order: what runs commit and replays compare. */
public final class Digests {

    private Digests() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Feeds the raw IEEE-754 bits of {@code values} (little-endian) into {@code md}. */
    public static void update(MessageDigest md, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(Math.min(values.length, 16384) * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < values.length) {
            buf.clear();
            int n = Math.min(values.length - i, buf.capacity() / Float.BYTES);
            buf.asFloatBuffer().put(values, i, n);
            md.update(buf.array(), 0, n * Float.BYTES);
            i += n;
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static String sha256Hex(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }
}
