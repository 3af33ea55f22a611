package dev.ampj.storage.persistence;

import dev.ampj.storage.event.BinaryIn;
import dev.ampj.storage.event.BinaryOut;
import dev.ampj.storage.event.Crc32c;
import dev.ampj.storage.event.MalformedDocumentException;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;

/**
 * A document of a {@code snapshots/} queue: a save or a deletion.
 * {@code int magic 'AMPS', byte kind, long seqNr, long timestamp, long maxSeq, long maxTs,
 * long minSeq, long minTs, int n, n payload bytes, int CRC32C}.
 */
record SnapshotDocument(int kind, long sequenceNr, long timestamp, SnapshotSelectionCriteria criteria, byte[] payload) {

    static final int MAGIC = 0x53504D41; // "AMPS" little-endian
    static final int SAVE = 1;
    static final int DELETE_ONE = 2;
    static final int DELETE_MATCHING = 3;

    boolean matches(String persistenceId, SnapshotSelectionCriteria c) {
        return c.matches(new SnapshotMetadata(persistenceId, sequenceNr, timestamp));
    }

    void encode(BinaryOut out) {
        out.reset();
        out.writeInt(MAGIC);
        out.writeByte(kind);
        out.writeLong(sequenceNr);
        out.writeLong(timestamp);
        out.writeLong(criteria.maxSequenceNr());
        out.writeLong(criteria.maxTimestamp());
        out.writeLong(criteria.minSequenceNr());
        out.writeLong(criteria.minTimestamp());
        out.writeInt(payload.length);
        out.writeBytes(payload, 0, payload.length);
        Crc32c.seal(out);
    }

    static SnapshotDocument decode(byte[] raw) {
        if (raw.length < 4 + 1 + 6 * 8 + 4 + 4) {
            throw new MalformedDocumentException("snapshot document of " + raw.length + " bytes is too short");
        }
        Crc32c.verify(raw);
        BinaryIn in = new BinaryIn(raw, 0, raw.length - 4);
        if (in.readInt() != MAGIC) {
            throw new MalformedDocumentException("not a snapshot document");
        }
        int kind = in.readByte();
        if (kind < SAVE || kind > DELETE_MATCHING) {
            throw new MalformedDocumentException("unknown snapshot document kind " + kind);
        }
        long seq = in.readLong();
        long ts = in.readLong();
        SnapshotSelectionCriteria c = new SnapshotSelectionCriteria(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        byte[] payload = in.readBytes(in.readInt());
        if (in.remaining() != 0) {
            throw new MalformedDocumentException(in.remaining() + " unexpected trailing bytes");
        }
        return new SnapshotDocument(kind, seq, ts, c, payload);
    }
}
