package dev.ampj.storage.persistence;

import dev.ampj.storage.event.MalformedDocumentException;
import dev.ampj.storage.event.RunEventCodec;
import dev.ampj.storage.event.RunFailed;
import dev.ampj.storage.event.RunFinished;
import dev.ampj.storage.log.CorruptLogException;
import dev.ampj.storage.log.LogDocument;
import dev.ampj.storage.log.Queues;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The journal's view of one persistence id: its run's events queue, an index from each document's
 * first sequence number to its Chronicle index (rebuilt by one scan on first use), the highest
 * sequence number and the deletion bound. Confined to the journal's I/O thread.
 */
final class PidJournal implements AutoCloseable {

    private final RunDirectory run;
    private final long blockSize;
    private final LongSupplier wallClock;
    private final TreeMap<Long, Long> indexBySequenceNr = new TreeMap<>();
    private SingleChronicleQueue readQueue;
    private RunLogWriter writer;
    private long highestSequenceNr;
    private long deletedTo;

    PidJournal(RunDirectory run, long blockSize, LongSupplier wallClock) {
        this.run = run;
        this.blockSize = blockSize;
        this.wallClock = wallClock;
        if (run.exists()) {
            scan();
        }
    }

    private SingleChronicleQueue readQueue() {
        if (readQueue == null) {
            readQueue = Queues.openWritable(run.events(), Queues.EVENTS_CYCLE, blockSize);
        }
        return readQueue;
    }

    private void scan() {
        long[] at = new long[1];
        try (ExcerptTailer t = readQueue().createTailer().toStart()) {
            for (byte[] raw = Queues.next(t, at, run.name(), "events"); raw != null; raw = Queues.next(t, at, run.name(), "events")) {
                LogDocument.Header h = header(raw, at[0]); // checksum and framing only: no entry is copied
                if (h.kind() == LogDocument.KIND_DELETE_TO) {
                    deletedTo = Math.max(deletedTo, h.sequenceNr());
                } else {
                    indexBySequenceNr.put(h.sequenceNr(), at[0]);
                    highestSequenceNr = Math.max(highestSequenceNr, h.sequenceNr() + h.count() - 1);
                }
            }
        }
    }

    private LogDocument.Header header(byte[] raw, long index) {
        try {
            return LogDocument.parse(raw, (kind, bytes, offset, length) -> { });
        } catch (MalformedDocumentException e) {
            throw new CorruptLogException(run.name(), "events", index, e.getMessage(), e);
        }
    }

    LogDocument decode(byte[] raw, long index) {
        try {
            return LogDocument.decode(raw);
        } catch (MalformedDocumentException e) {
            throw new CorruptLogException(run.name(), "events", index, e.getMessage(), e);
        }
    }

    /** Appends one AtomicWrite as one document; takes the run's writer lock on first use. */
    void write(long firstSequenceNr, List<LogDocument.Entry> entries, String writerUuid) {
        if (writer == null) {
            writer = RunLogWriter.open(run, blockSize, wallClock);
        }
        long index = writer.appendEntries(firstSequenceNr, entries, writerUuid);
        indexBySequenceNr.put(firstSequenceNr, index);
        highestSequenceNr = Math.max(highestSequenceNr, firstSequenceNr + entries.size() - 1);
        if (endsRun(entries)) {
            // A finished or failed run is no longer written: free its lock so listings, resume
            // and other processes see it as such; a later write (resume) takes the lock again.
            writer.close();
            writer = null;
        }
    }

    private static boolean endsRun(List<LogDocument.Entry> entries) {
        LogDocument.Entry last = entries.get(entries.size() - 1);
        if (last.kind() != LogDocument.RUN_EVENT || last.bytes().length < 2) {
            return false;
        }
        int tag = RunEventCodec.typeTagOf(last.bytes(), 0);
        return tag == RunFinished.TYPE_TAG || tag == RunFailed.TYPE_TAG;
    }

    void deleteTo(long toSequenceNr) {
        long bound = Math.min(toSequenceNr, highestSequenceNr);
        if (bound <= deletedTo) {
            return;
        }
        if (writer == null) {
            writer = RunLogWriter.open(run, blockSize, wallClock);
        }
        writer.appendDeleteTo(bound);
        deletedTo = bound;
    }

    /** Highest sequence number ever written; never goes down after deletions. */
    long highestSequenceNr() {
        return Math.max(highestSequenceNr, deletedTo);
    }

    long deletedTo() {
        return deletedTo;
    }

    /** Documents whose entries may hold sequence numbers >= {@code from}, in order, until {@code visit} returns false. */
    void documentsFrom(long from, DocumentVisitor visit) {
        if (!run.exists() || indexBySequenceNr.isEmpty()) {
            return;
        }
        Map.Entry<Long, Long> start = indexBySequenceNr.floorEntry(from);
        long startIndex = start != null ? start.getValue() : indexBySequenceNr.firstEntry().getValue();
        try (ExcerptTailer t = readQueue().createTailer()) {
            if (!t.moveToIndex(startIndex)) {
                throw new CorruptLogException(run.name(), "events", startIndex, "indexed document not found", null);
            }
            long[] at = new long[1];
            for (byte[] raw = Queues.next(t, at, run.name(), "events"); raw != null; raw = Queues.next(t, at, run.name(), "events")) {
                LogDocument doc = decode(raw, at[0]);
                if (doc.kind() == LogDocument.KIND_ENTRIES && !visit.visit(doc)) {
                    return;
                }
            }
        }
    }

    /** Receives documents during a replay; returns false to stop. */
    interface DocumentVisitor {
        boolean visit(LogDocument doc);
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            if (readQueue != null) {
                readQueue.close();
            }
        }
    }
}
