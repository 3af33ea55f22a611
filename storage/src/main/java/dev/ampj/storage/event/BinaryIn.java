package dev.ampj.storage.event;

import java.nio.charset.StandardCharsets;

/** Little-endian reader over a byte range; every read is bounds-checked so a bad length fails loudly. */
public final class BinaryIn {

    private final byte[] buf;
    private int pos;
    private final int limit;

    public BinaryIn(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return limit - pos;
    }

    private void need(int n) {
        if (n < 0 || pos + n > limit) {
            throw new MalformedDocumentException("document ends early: need " + n + " bytes at offset " + pos + ", " + (limit - pos) + " left");
        }
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xff;
    }

    public int readShort() {
        need(2);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public int readInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (buf[pos + i] & 0xff) << (8 * i);
        }
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (buf[pos + i] & 0xffL) << (8 * i);
        }
        pos += 8;
        return v;
    }

    public float readFloat() {
        return Float.intBitsToFloat(readInt());
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public byte[] readBytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    public String readString() {
        int n = readInt();
        if (n == -1) {
            return null;
        }
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Entry count guard: a count larger than the bytes left is corruption, not a reason to allocate. */
    public int readCount(int minBytesPerItem) {
        int n = readInt();
        if (n < 0 || (long) n * minBytesPerItem > remaining()) {
            throw new MalformedDocumentException("implausible count " + n + " at offset " + (pos - 4) + " with " + remaining() + " bytes left");
        }
        return n;
    }
}
