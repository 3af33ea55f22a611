package dev.ampj.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.storage.Fixtures;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunFinished;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {

    @TempDir
    Path runs;

    private RunStore store() {
        return new RunStore(StorageSettings.defaults(runs));
    }

    static void appendIterations(RunLogWriter w, long from, long to, int checkpointEvery) {
        for (long i = from; i <= to; i++) {
            w.append(new IterationOpened(i));
            w.append(Fixtures.committed(i));
            if (i % checkpointEvery == 0) {
                w.append(new CheckpointWritten(i, Fixtures.digest("blob" + i), 1000 + i));
            }
        }
    }

    @Test
    void appendsAreReadBackInOrderWithSequenceNumbers() {
        RunStore store = store();
        List<RunEvent> written = new ArrayList<>();
        try (RunLogWriter w = store.create(Fixtures.created("r1"))) {
            written.add(Fixtures.created("r1"));
            for (long i = 1; i <= 3; i++) {
                written.add(new IterationOpened(i));
                written.add(Fixtures.committed(i));
            }
            w.append(written.subList(1, 3)); // one atomic document with two events
            for (RunEvent e : written.subList(3, written.size())) {
                w.append(e);
            }
            assertEquals(7, w.lastSequenceNr());
        }
        try (RunLogReader r = store.openReader("r1")) {
            List<LogEntry> all = r.readAll();
            assertEquals(written, all.stream().map(LogEntry::event).toList());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i).sequenceNr());
            }
            assertEquals(all.get(1).index(), all.get(2).index(), "a batch is one document");
            assertEquals(1, all.get(2).entry());
            assertEquals(Fixtures.created("r1"), r.runCreated());
            assertEquals(3, r.lastCommitted().orElseThrow().iteration());
            assertTrue(r.verify().intact());
        }
    }

    @Test
    void tailFromAnIndexAndFromNow() {
        RunStore store = store();
        try (RunLogWriter w = store.create(Fixtures.created("r2"));
                RunLogReader r = store.openReader("r2")) {
            appendIterations(w, 1, 5, 2);
            List<LogEntry> all = r.readAll();
            LogEntry third = all.get(3);
            try (EventTailer t = r.tailFrom(third.index())) {
                assertEquals(third.event(), t.next().orElseThrow().event());
            }
            try (EventTailer live = r.tailFromNow()) {
                assertEquals(Optional.empty(), live.next());
                w.append(new IterationOpened(6));
                assertEquals(new IterationOpened(6), live.next().orElseThrow().event());
                assertEquals(Optional.empty(), live.next());
            }
            assertThrows(IllegalArgumentException.class, () -> r.tailFrom(third.index() + 1_000_000));
        }
    }

    @Test
    void reopenedWriterContinuesTheSequence() {
        RunStore store = store();
        try (RunLogWriter w = store.create(Fixtures.created("r3"))) {
            appendIterations(w, 1, 2, 1);
        }
        try (RunLogWriter w = store.openWriter("r3")) {
            assertEquals(7, w.lastSequenceNr());
            w.append(new RunFinished(2));
        }
        try (RunLogReader r = store.openReader("r3")) {
            assertEquals(new RunFinished(2), r.terminal().orElseThrow());
            assertEquals(8, r.readAll().get(7).sequenceNr());
        }
    }

    @Test
    void latestCheckpointAtOrBeforeAnIteration() {
        RunStore store = store();
        try (RunLogWriter w = store.create(Fixtures.created("r4"))) {
            appendIterations(w, 1, 100, 10);
        }
        try (RunLogReader r = store.openReader("r4")) {
            assertEquals(100, r.latestCheckpoint().orElseThrow().iteration());
            assertEquals(50, r.latestCheckpointAtOrBefore(59).orElseThrow().iteration());
            assertEquals(60, r.latestCheckpointAtOrBefore(60).orElseThrow().iteration());
            assertEquals(Fixtures.digest("blob60"), r.latestCheckpointAtOrBefore(60).orElseThrow().blobDigest());
            assertEquals(Optional.empty(), r.latestCheckpointAtOrBefore(9));
        }
    }

    @Test
    void secondWriterIsRefusedAndTheLockIsReleasedOnClose() {
        RunStore store = store();
        try (RunLogWriter w = store.create(Fixtures.created("r5"))) {
            RunLockedException e = assertThrows(RunLockedException.class, () -> store.openWriter("r5"));
            assertTrue(e.getMessage().contains("r5"), e.getMessage());
            assertTrue(WriterLock.holder(store.directory("r5").writerLock()).isPresent());
        }
        assertEquals(Optional.empty(), WriterLock.holder(store.directory("r5").writerLock()));
        try (RunLogWriter w = store.openWriter("r5")) {
            assertEquals(1, w.lastSequenceNr());
        }
    }

    @Test
    void firstEventMustBeRunCreatedOfThisRun() {
        RunDirectory dir = RunDirectory.of(runs, "r6");
        try (RunLogWriter w = RunLogWriter.open(dir)) {
            assertThrows(IllegalArgumentException.class, () -> w.append(new IterationOpened(1)));
            assertThrows(IllegalArgumentException.class, () -> w.append(Fixtures.created("other")));
            w.append(Fixtures.created("r6"));
        }
        assertThrows(IllegalArgumentException.class, () -> store().create(Fixtures.created("r6")));
    }

    @Test
    void missingRunAndBadNamesAreBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store().openReader("nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store().directory("../escape"));
    }

    @Test
    void aStoredEventOfANewerSchemaIsRefusedWithRunAndIndex() {
        RunStore store = store();
        long index;
        try (RunLogWriter w = store.create(Fixtures.created("r8"))) {
            byte[] future = dev.ampj.storage.event.RunEventCodec.encode(new RunFinished(1));
            future[2] = 9; // schema version 9
            index = w.appendEntries(List.of(new LogDocument.Entry(LogDocument.RUN_EVENT, future)), "");
        }
        try (RunLogReader r = store.openReader("r8"); EventTailer t = r.tailFromStart()) {
            assertInstanceOf(RunCreated.class, t.next().orElseThrow().event());
            var e = assertThrows(dev.ampj.storage.event.UnsupportedSchemaException.class, t::next);
            assertTrue(e.getMessage().contains("r8") && e.getMessage().contains(Long.toHexString(index))
                    && e.getMessage().contains("version 9"), e.getMessage());
        }
    }

    @Test
    void runCreatedIsTheFirstEntry() {
        RunStore store = store();
        try (RunLogWriter w = store.create(Fixtures.created("r7"))) {
            appendIterations(w, 1, 1, 1);
        }
        try (RunLogReader r = store.openReader("r7")) {
            assertInstanceOf(RunCreated.class, r.readAll().get(0).event());
            assertTrue(r.readAll().get(0).wallTimeMillis() > 0);
        }
    }
}
