package dev.ampj.storage.log;

import dev.ampj.storage.event.BinaryIn;
import dev.ampj.storage.event.BinaryOut;
import dev.ampj.storage.event.Crc32c;
import dev.ampj.storage.event.MalformedDocumentException;
import dev.ampj.storage.event.UnsupportedSchemaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The envelope of every document in a run's {@code events/} queue. One document is one atomic
 * write: a batch of entries with consecutive sequence numbers, or a deletion tombstone.
 *
 * <pre>
 * int   magic 'AMPL'       byte kind (1 entries, 2 delete-to)   byte envelope version
 * long  sequenceNr (first entry's, or the delete-to bound)      long wallTimeMillis (never digested)
 * str   writerUuid         int count   count × { byte entryKind, int length, bytes }
 * int   CRC32C of all preceding bytes
 * </pre>
 *
 * Entry kinds: {@link #RUN_EVENT} (a {@link dev.ampj.storage.event.RunEventCodec} encoding) or
 * {@link #SERIALIZED} (a Pekko-serialized {@code PersistentRepr} written by the journal for
 * payloads that are not run events; run readers skip these).
 */
public record LogDocument(int kind, long sequenceNr, long wallTimeMillis, String writerUuid, List<Entry> entries) {

    public static final int MAGIC = 0x4C504D41; // "AMPL" little-endian
    public static final int ENVELOPE_VERSION = 1;
    public static final int KIND_ENTRIES = 1;
    public static final int KIND_DELETE_TO = 2;
    public static final int RUN_EVENT = 1;
    public static final int SERIALIZED = 2;

    /** One entry: its kind and encoded bytes. */
    public record Entry(int kind, byte[] bytes) {
        public Entry {
            if (kind != RUN_EVENT && kind != SERIALIZED) {
                throw new IllegalArgumentException("entry kind must be 1 or 2, was " + kind);
            }
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    public LogDocument {
        Objects.requireNonNull(writerUuid, "writerUuid");
        entries = List.copyOf(entries);
    }

    /** Sequence number of the last entry (or the bound of a tombstone). */
    public long lastSequenceNr() {
        return kind == KIND_ENTRIES ? sequenceNr + entries.size() - 1 : sequenceNr;
    }

    public void encode(BinaryOut out) {
        out.reset();
        out.writeInt(MAGIC);
        out.writeByte(kind);
        out.writeByte(ENVELOPE_VERSION);
        out.writeLong(sequenceNr);
        out.writeLong(wallTimeMillis);
        out.writeString(writerUuid);
        out.writeInt(entries.size());
        for (Entry e : entries) {
            out.writeByte(e.kind());
            out.writeInt(e.bytes().length);
            out.writeBytes(e.bytes(), 0, e.bytes().length);
        }
        Crc32c.seal(out);
    }

    /** Checks the checksum first, then the framing; throws {@link MalformedDocumentException} on any mismatch. */
    public static LogDocument decode(byte[] raw) {
        List<Entry> entries = new ArrayList<>();
        Header h = parse(raw, (kind, bytes, offset, length) -> entries.add(new Entry(kind, java.util.Arrays.copyOfRange(bytes, offset, offset + length))));
        return new LogDocument(h.kind(), h.sequenceNr(), h.wallTimeMillis(), h.writerUuid(), entries);
    }

    /** The envelope fields of a parsed document. */
    public record Header(int kind, long sequenceNr, long wallTimeMillis, String writerUuid, int count) {}

    /** Receives each entry of a document in place (no copy): its kind and its byte range in {@code raw}. */
    @FunctionalInterface
    public interface EntryVisitor {
        void entry(int kind, byte[] raw, int offset, int length);
    }

    /**
     * Verifies the checksum and framing of a raw document and hands each entry to {@code visitor}
     * without copying it, so scans can look at type tags and decode only what they need.
     */
    public static Header parse(byte[] raw, EntryVisitor visitor) {
        verifyChecksum(raw);
        BinaryIn in = new BinaryIn(raw, 0, raw.length - 4);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new MalformedDocumentException("not an event-log document (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int kind = in.readByte();
        int version = in.readByte();
        if (version != ENVELOPE_VERSION) {
            throw new UnsupportedSchemaException("document envelope version " + version + "; this reader supports " + ENVELOPE_VERSION);
        }
        if (kind != KIND_ENTRIES && kind != KIND_DELETE_TO) {
            throw new UnsupportedSchemaException("unknown document kind " + kind + " (known: 1 entries, 2 delete-to)");
        }
        long seq = in.readLong();
        long wall = in.readLong();
        String writer = in.readString();
        int n = in.readCount(5);
        for (int i = 0; i < n; i++) {
            int ek = in.readByte();
            if (ek != RUN_EVENT && ek != SERIALIZED) {
                throw new UnsupportedSchemaException("unknown entry kind " + ek + " (known: 1 run event, 2 serialized)");
            }
            int len = in.readInt();
            int at = in.position();
            in.skip(len);
            visitor.entry(ek, raw, at, len);
        }
        if (in.remaining() != 0) {
            throw new MalformedDocumentException(in.remaining() + " unexpected trailing bytes");
        }
        return new Header(kind, seq, wall, writer == null ? "" : writer, n);
    }

    static void verifyChecksum(byte[] raw) {
        if (raw.length < 4 + 1 + 1 + 8 + 8 + 4 + 4 + 4) {
            throw new MalformedDocumentException("document of " + raw.length + " bytes is shorter than an envelope");
        }
        Crc32c.verify(raw);
    }
}
