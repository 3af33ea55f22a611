package dev.ampj.storage.event;

import java.util.zip.CRC32C;

/** The trailing CRC32C that seals every document this module writes (log, telemetry, snapshot). */
public final class Crc32c {

    private Crc32c() {}

    /** Appends the CRC32C of everything written to {@code out} so far. */
    public static void seal(BinaryOut out) {
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.writeInt((int) crc.getValue());
    }

    /** Checks the last 4 bytes of {@code raw} against the CRC32C of the bytes before them. */
    public static void verify(byte[] raw) {
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, raw.length - 4);
        int stored = new BinaryIn(raw, raw.length - 4, 4).readInt();
        if (stored != (int) crc.getValue()) {
            throw new MalformedDocumentException("CRC32C mismatch: stored 0x" + Integer.toHexString(stored)
                    + ", computed 0x" + Integer.toHexString((int) crc.getValue()));
        }
    }
}
