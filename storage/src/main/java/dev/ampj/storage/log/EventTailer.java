package dev.ampj.storage.log;

import dev.ampj.storage.event.BinaryIn;
import dev.ampj.storage.event.MalformedDocumentException;
import dev.ampj.storage.event.RunEventCodec;
import java.util.ArrayDeque;
import java.util.Optional;
import net.openhft.chronicle.queue.ExcerptTailer;

/**
 * Reads a run's events in order from a position, live: {@link #next()} returns empty when the
 * writer (in this or another process) has not appended more yet. Deletion tombstones and foreign
 * journal entries are skipped. A corrupt document throws {@link CorruptLogException}.
 *
 * <p>Not thread-safe: a Chronicle tailer belongs to one thread.
 */
public final class EventTailer implements AutoCloseable {

    private final String run;
    private final ExcerptTailer tailer;
    private final ArrayDeque<LogEntry> pending = new ArrayDeque<>();
    private final long[] index = new long[1];

    EventTailer(String run, ExcerptTailer tailer) {
        this.run = run;
        this.tailer = tailer;
    }

    /** The next event, or empty if none has been appended yet. */
    public Optional<LogEntry> next() {
        while (pending.isEmpty()) {
            byte[] raw = Queues.next(tailer, index, run, "events");
            if (raw == null) {
                return Optional.empty();
            }
            decodeInto(run, index[0], raw, pending);
        }
        return Optional.of(pending.poll());
    }

    static void decodeInto(String run, long index, byte[] raw, java.util.Collection<LogEntry> sink) {
        decodeInto(run, index, raw, sink, tag -> true);
    }

    /** Decodes the run events of a raw document whose type tag {@code wanted} accepts; others are only framed. */
    static void decodeInto(String run, long index, byte[] raw, java.util.Collection<LogEntry> sink, java.util.function.IntPredicate wanted) {
        try {
            int[] position = {0};
            java.util.List<LogEntry> found = new java.util.ArrayList<>(2);
            LogDocument.Header h = LogDocument.parse(raw, (kind, bytes, offset, length) -> {
                int i = position[0]++;
                if (kind == LogDocument.RUN_EVENT && length >= 2 && wanted.test(RunEventCodec.typeTagOf(bytes, offset))) {
                    found.add(new LogEntry(index, i, -1, 0, RunEventCodec.decode(new BinaryIn(bytes, offset, length))));
                }
            });
            if (h.kind() != LogDocument.KIND_ENTRIES) {
                return;
            }
            for (LogEntry e : found) {
                sink.add(new LogEntry(index, e.entry(), h.sequenceNr() + e.entry(), h.wallTimeMillis(), e.event()));
            }
        } catch (dev.ampj.storage.event.UnsupportedSchemaException e) {
            throw new dev.ampj.storage.event.UnsupportedSchemaException("run '" + run + "', events index 0x"
                    + Long.toHexString(index) + ": " + e.getMessage());
        } catch (MalformedDocumentException e) {
            throw new CorruptLogException(run, "events", index, e.getMessage(), e);
        }
    }

    /** Index of the next document this tailer will read. */
    public long index() {
        return tailer.index();
    }

    @Override
    public void close() {
        tailer.close();
    }
}
