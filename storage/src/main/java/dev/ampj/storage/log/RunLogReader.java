package dev.ampj.storage.log;

import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.MalformedDocumentException;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunEventCodec;
import dev.ampj.storage.event.RunFailed;
import dev.ampj.storage.event.RunFinished;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * A run's event log opened read-only: tail it from the start, an index or "now", find its latest
 * checkpoint, summarise its tail, verify every checksum. Safe while a writer appends from another
 * process. Each tailer it hands out belongs to one thread.
 *
 * <p>Look-ups of the most recent facts (latest checkpoint, last commit, terminal event) scan
 * backwards from the end, reading only as far as needed: a 10,000-iteration run answers after a
 * handful of documents, with no separate index file that could drift from the log.
 */
public final class RunLogReader implements AutoCloseable {

    private final RunDirectory run;
    private final SingleChronicleQueue queue;

    private RunLogReader(RunDirectory run, SingleChronicleQueue queue) {
        this.run = run;
        this.queue = queue;
    }

    /** Opens a run read-only; a missing run is bad input naming the directory. */
    public static RunLogReader open(RunDirectory run) {
        if (!run.exists()) {
            throw new IllegalArgumentException("no run '" + run.name() + "' at " + run.root() + " (no events/ queue)");
        }
        return new RunLogReader(run, Queues.openReadOnly(run.events(), Queues.EVENTS_CYCLE));
    }

    public RunDirectory run() {
        return run;
    }

    public EventTailer tailFromStart() {
        return new EventTailer(run.name(), queue.createTailer().toStart());
    }

    /** Tails from the document at {@code index} (as in {@link LogEntry#index()}); bad indexes are refused. */
    public EventTailer tailFrom(long index) {
        ExcerptTailer t = queue.createTailer();
        if (!t.moveToIndex(index)) {
            t.close();
            throw new IllegalArgumentException("run '" + run.name() + "' has no document at index 0x" + Long.toHexString(index));
        }
        return new EventTailer(run.name(), t);
    }

    /** Tails only what is appended from now on. */
    public EventTailer tailFromNow() {
        return new EventTailer(run.name(), queue.createTailer().toEnd());
    }

    /** All events from the start (convenience for small runs and tests). */
    public List<LogEntry> readAll() {
        List<LogEntry> all = new ArrayList<>();
        try (EventTailer t = tailFromStart()) {
            for (Optional<LogEntry> e = t.next(); e.isPresent(); e = t.next()) {
                all.add(e.get());
            }
        }
        return all;
    }

    /** The events before the first bad document, and the failure that stopped the read (if any). */
    public record GoodPrefix(List<LogEntry> entries, Optional<CorruptLogException> stoppedBy) {}

    /** Reads from the start up to the first bad document: what a damaged run still offers. */
    public GoodPrefix readGoodPrefix() {
        List<LogEntry> good = new ArrayList<>();
        try (EventTailer t = tailFromStart()) {
            for (Optional<LogEntry> e = t.next(); e.isPresent(); e = t.next()) {
                good.add(e.get());
            }
            return new GoodPrefix(good, Optional.empty());
        } catch (CorruptLogException e) {
            // The bad document's own events are dropped whole: a document is atomic.
            long bad = e.index();
            good.removeIf(x -> x.index() == bad);
            return new GoodPrefix(good, Optional.of(e));
        }
    }

    /** The run's first event; a log that does not start with one is refused as corrupt. */
    public RunCreated runCreated() {
        try (EventTailer t = tailFromStart()) {
            Optional<LogEntry> first = t.next();
            if (first.isEmpty() || !(first.get().event() instanceof RunCreated created)) {
                throw new CorruptLogException(run.name(), "events", first.map(LogEntry::index).orElse(-1L),
                        "the first event is not RunCreated (" + first.map(e -> e.event().getClass().getSimpleName()).orElse("empty log") + ")", null);
            }
            return created;
        }
    }

    /** The latest checkpoint of an iteration {@code <= iteration}, scanning backwards from the end. */
    public Optional<CheckpointWritten> latestCheckpointAtOrBefore(long iteration) {
        return lastMatching(CheckpointWritten.TYPE_TAG, e -> ((CheckpointWritten) e).iteration() <= iteration)
                .map(e -> (CheckpointWritten) e.event());
    }

    public Optional<CheckpointWritten> latestCheckpoint() {
        return latestCheckpointAtOrBefore(Long.MAX_VALUE);
    }

    public Optional<IterationCommitted> lastCommitted() {
        return lastMatching(IterationCommitted.TYPE_TAG, e -> true).map(e -> (IterationCommitted) e.event());
    }

    /** The terminal event if the last event is one ({@link RunFinished} or {@link RunFailed}). */
    public Optional<RunEvent> terminal() {
        return lastMatching(e -> true).map(LogEntry::event).filter(e -> e instanceof RunFinished || e instanceof RunFailed);
    }

    /** The last entry whose event matches, reading documents backwards from the end. */
    public Optional<LogEntry> lastMatching(Predicate<RunEvent> match) {
        return lastMatching(-1, match);
    }

    /**
     * The last event of type {@code typeTag} (-1: any) that matches, reading documents backwards
     * from the end; entries of other types are checked (checksum, framing) but not decoded.
     * Bad documents after the last good one (a torn tail: a writer cut off mid-append by a full disk
     * or a power loss, after its last commit) are passed over, so what was committed stays readable;
     * a bad document before a good one still throws.
     */
    public Optional<LogEntry> lastMatching(int typeTag, Predicate<RunEvent> match) {
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            long[] at = new long[1];
            List<LogEntry> doc = new ArrayList<>();
            boolean inTornTail = true;
            while (true) {
                byte[] raw = Queues.next(tailer, at, run.name(), "events");
                if (raw == null) {
                    return Optional.empty();
                }
                doc.clear();
                try {
                    EventTailer.decodeInto(run.name(), at[0], raw, doc, tag -> typeTag < 0 || tag == typeTag);
                } catch (CorruptLogException e) {
                    if (inTornTail) {
                        continue;
                    }
                    throw e;
                }
                inTornTail = false;
                for (int i = doc.size() - 1; i >= 0; i--) {
                    if (match.test(doc.get(i).event())) {
                        return Optional.of(doc.get(i));
                    }
                }
            }
        }
    }

    /**
     * The first of the bad documents after the log's last good one (a torn tail, which
     * {@link #lastMatching} and {@link #readAllBeforeTornTail} pass over), or empty when the last
     * document is intact: a listing still shows such a run as damaged.
     */
    public Optional<CorruptLogException> tornTail() {
        CorruptLogException first = null;
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            long[] at = new long[1];
            while (true) {
                byte[] raw = Queues.next(tailer, at, run.name(), "events");
                if (raw == null) {
                    break;
                }
                try {
                    EventTailer.decodeInto(run.name(), at[0], raw, new ArrayList<>(), tag -> false);
                    break;
                } catch (CorruptLogException e) {
                    first = e; // an earlier bad document of the same tail
                }
            }
        } catch (CorruptLogException framing) {
            return Optional.of(first != null ? first : framing);
        }
        return Optional.ofNullable(first);
    }

    /**
     * All events from the start, without a torn tail ({@link #tornTail}): what a run cut off
     * mid-append committed. A bad document before a good one still throws.
     */
    public List<LogEntry> readAllBeforeTornTail() {
        GoodPrefix prefix = readGoodPrefix();
        if (prefix.stoppedBy().isEmpty()) {
            return prefix.entries();
        }
        CorruptLogException stopped = prefix.stoppedBy().get();
        Optional<CorruptLogException> torn = tornTail();
        if (torn.isPresent() && stopped.index() >= torn.get().index()) {
            return prefix.entries();
        }
        throw stopped;
    }

    /**
     * Reads every document and checks its checksum and schema; never throws for bad documents,
     * it reports them (run, index, reason) and goes on, since Chronicle's framing is intact.
     */
    public IntegrityReport verify() {
        long documents = 0;
        long events = 0;
        long lastGood = -1;
        List<IntegrityReport.Problem> problems = new ArrayList<>();
        List<LogEntry> sink = new ArrayList<>();
        long[] at = new long[1];
        try (ExcerptTailer tailer = queue.createTailer().toStart()) {
            while (problems.size() < 100) {
                byte[] raw;
                try {
                    raw = Queues.next(tailer, at, run.name(), "events");
                } catch (CorruptLogException e) {
                    problems.add(new IntegrityReport.Problem(e.index(), e.getMessage()));
                    break; // framing is broken: nothing after it can be trusted
                }
                if (raw == null) {
                    break;
                }
                documents++;
                sink.clear();
                try {
                    EventTailer.decodeInto(run.name(), at[0], raw, sink);
                    events += sink.size();
                    if (problems.isEmpty()) {
                        lastGood = at[0];
                    }
                } catch (CorruptLogException | MalformedDocumentException e) {
                    problems.add(new IntegrityReport.Problem(at[0], e.getMessage()));
                }
            }
        }
        return new IntegrityReport(run.name(), documents, events, lastGood, problems);
    }

    /** Decodes one raw document's run events (for callers holding raw bytes, e.g. tools). */
    public static List<RunEvent> decodeEvents(byte[] raw) {
        List<RunEvent> out = new ArrayList<>();
        for (LogDocument.Entry e : LogDocument.decode(raw).entries()) {
            if (e.kind() == LogDocument.RUN_EVENT) {
                out.add(RunEventCodec.decode(e.bytes()));
            }
        }
        return out;
    }

    @Override
    public void close() {
        queue.close();
    }
}
