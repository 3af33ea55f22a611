package dev.ampj.storage.log;

import dev.ampj.storage.event.BinaryOut;
import dev.ampj.storage.event.MalformedDocumentException;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunEventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The single writer of a run's {@code events/} queue. Holds the run's {@link WriterLock} from open
 * to close; one document per {@link #append} call, so a batch is visible all at once or not at all
 * (a writer killed mid-document leaves an incomplete header that Chronicle never shows).
 *
 * <p>Not thread-safe: Chronicle appenders belong to one thread; use the writer from one thread.
 */
public final class RunLogWriter implements AutoCloseable {

    /** Events are small; 16 MiB blocks keep sparse files small and allow documents up to 4 MiB. */
    public static final long DEFAULT_BLOCK_SIZE = 16L << 20;

    private final RunDirectory run;
    private final WriterLock lock;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final LongSupplier wallClock;
    private final BinaryOut out = new BinaryOut(4096);
    private long lastSequenceNr;

    private RunLogWriter(RunDirectory run, WriterLock lock, SingleChronicleQueue queue, LongSupplier wallClock) {
        this.run = run;
        this.lock = lock;
        this.queue = queue;
        this.wallClock = wallClock;
        this.appender = queue.createAppender();
        this.lastSequenceNr = lastDocument().map(LogDocument::lastSequenceNr).orElse(0L);
    }

    /**
     * Opens the run for appending, creating its queue if needed. Refuses a second writer
     * ({@link RunLockedException}) and a log whose last document is corrupt ({@link CorruptLogException}).
     */
    public static RunLogWriter open(RunDirectory run, long blockSize, LongSupplier wallClock) {
        WriterLock lock = WriterLock.acquire(run.writerLock(), run.name());
        SingleChronicleQueue queue = null;
        try {
            queue = Queues.openWritable(run.events(), Queues.EVENTS_CYCLE, blockSize);
            return new RunLogWriter(run, lock, queue, wallClock);
        } catch (RuntimeException e) {
            if (queue != null) {
                queue.close();
            }
            lock.close();
            throw e;
        }
    }

    public static RunLogWriter open(RunDirectory run) {
        return open(run, DEFAULT_BLOCK_SIZE, System::currentTimeMillis);
    }

    public RunDirectory run() {
        return run;
    }

    /** Sequence number of the last entry written (0 for an empty log). */
    public long lastSequenceNr() {
        return lastSequenceNr;
    }

    /** Index of the last document appended by this writer (Chronicle index), or -1. */
    public long lastIndexAppended() {
        try {
            return appender.lastIndexAppended();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    /** Appends one event as one document; returns its Chronicle index. */
    public long append(RunEvent event) {
        return append(List.of(event));
    }

    /** Appends events as one atomic document; the first event of a run must be its {@link RunCreated}. */
    public long append(List<? extends RunEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        if (lastSequenceNr == 0) {
            if (!(events.get(0) instanceof RunCreated created)) {
                throw new IllegalArgumentException("run '" + run.name() + "': the first event must be RunCreated, was "
                        + events.get(0).getClass().getSimpleName());
            }
            if (!created.run().equals(run.name())) {
                throw new IllegalArgumentException("RunCreated names run '" + created.run() + "' but the log is run '" + run.name() + "'");
            }
        }
        List<LogDocument.Entry> entries = new ArrayList<>(events.size());
        for (RunEvent e : events) {
            entries.add(new LogDocument.Entry(LogDocument.RUN_EVENT, RunEventCodec.encode(e)));
        }
        return appendEntries(entries, "");
    }

    /** Low-level append: entries get consecutive sequence numbers after the last one. */
    public long appendEntries(List<LogDocument.Entry> entries, String writerUuid) {
        return appendEntries(lastSequenceNr + 1, entries, writerUuid);
    }

    /**
     * Low-level append used by the Pekko journal, whose AtomicWrite carries its own sequence
     * numbers: they must continue the log (Pekko guarantees this for one persistent actor).
     */
    public long appendEntries(long firstSequenceNr, List<LogDocument.Entry> entries, String writerUuid) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        if (firstSequenceNr <= lastSequenceNr) {
            throw new IllegalStateException("run '" + run.name() + "': sequence number " + firstSequenceNr
                    + " does not continue the log (last is " + lastSequenceNr + ")");
        }
        return write(new LogDocument(LogDocument.KIND_ENTRIES, firstSequenceNr, wallClock.getAsLong(), writerUuid, entries));
    }

    /** Low-level append of a deletion tombstone (Pekko journal {@code deleteMessages}). */
    public long appendDeleteTo(long toSequenceNr) {
        return write(new LogDocument(LogDocument.KIND_DELETE_TO, toSequenceNr, wallClock.getAsLong(), "", List.of()));
    }

    private long write(LogDocument doc) {
        doc.encode(out);
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(out.array(), 0, out.position());
        }
        if (doc.kind() == LogDocument.KIND_ENTRIES) {
            lastSequenceNr = doc.lastSequenceNr();
        }
        return appender.lastIndexAppended();
    }

    private java.util.Optional<LogDocument> lastDocument() {
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            long[] at = new long[1];
            while (true) {
                byte[] raw = Queues.next(tailer, at, run.name(), "events");
                if (raw == null) {
                    return java.util.Optional.empty();
                }
                try {
                    LogDocument doc = LogDocument.decode(raw);
                    if (doc.kind() == LogDocument.KIND_ENTRIES) {
                        return java.util.Optional.of(doc);
                    }
                } catch (MalformedDocumentException e) {
                    throw new CorruptLogException(run.name(), "events", at[0], e.getMessage()
                            + "; the log is readable up to the document before it, appending is refused (a run whose last documents were "
                            + "cut short by a full disk or a power loss continues exactly as a fork of its last committed iteration: "
                            + "amp fork " + run.name() + " --at N)", e);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            appender.close();
            queue.close();
        } finally {
            lock.close();
        }
    }
}
