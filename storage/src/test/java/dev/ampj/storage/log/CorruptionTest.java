package dev.ampj.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.storage.Fixtures;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunFailed;
import dev.ampj.storage.registry.RunRegistry;
import dev.ampj.storage.registry.RunStatus;
import dev.ampj.storage.registry.RunSummary;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptionTest {

    @TempDir
    Path runs;

    @Test
    void aFlippedByteInTheMiddleIsDetectedAndReportedWithRunAndIndex() throws Exception {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        String marker = "needle-in-the-middle-of-the-log";
        try (RunLogWriter w = store.create(Fixtures.created("c1"))) {
            RunLogTest.appendIterations(w, 1, 20, 5);
            w.append(new RunFailed(20, marker));
            RunLogTest.appendIterations(w, 21, 40, 5);
        }
        long badIndex;
        try (RunLogReader r = store.openReader("c1")) {
            badIndex = r.readAll().stream().filter(e -> e.event() instanceof RunFailed).findFirst().orElseThrow().index();
        }
        Path cq4 = eventsFile(store, "c1");
        byte[] file = Files.readAllBytes(cq4);
        int at = indexOf(file, marker.getBytes(StandardCharsets.UTF_8));
        assertTrue(at > 0, "marker found in the queue file");
        overwrite(cq4, at + 3, file[at + 3] ^ 0x20);

        try (RunLogReader r = store.openReader("c1")) {
            IntegrityReport report = r.verify();
            assertFalse(report.intact());
            assertEquals(1, report.problems().size(), report.toString());
            assertEquals(badIndex, report.problems().get(0).index());
            assertTrue(report.problems().get(0).reason().contains("CRC32C"), report.toString());
            assertTrue(report.lastGoodIndex() < badIndex);
            // Reading stops at the bad document with the run and index; everything before is readable.
            try (EventTailer t = r.tailFromStart()) {
                CorruptLogException e = assertThrows(CorruptLogException.class, () -> {
                    while (t.next().isPresent()) {
                        // drain
                    }
                });
                assertEquals("c1", e.run());
                assertEquals(badIndex, e.index());
                assertTrue(e.getMessage().contains("c1") && e.getMessage().contains(Long.toHexString(badIndex)), e.getMessage());
            }
            // Tail look-ups do not pass the bad document; a verifying listing does and says where.
            assertEquals(40, r.lastCommitted().orElseThrow().iteration());
        }
        RunRegistry registry = store.registry();
        assertEquals(RunStatus.STOPPED, registry.summary("c1").status());
        RunSummary verified = registry.summary("c1", true);
        assertEquals(RunStatus.CORRUPT, verified.status());
        assertEquals(20, verified.iterations(), "summarised from the good prefix");
        assertEquals(Fixtures.digest("policy20"), verified.policyDigest());
        assertTrue(verified.detail().contains(Long.toHexString(badIndex)), verified.detail());
    }

    @Test
    void aCorruptLastDocumentRefusesAppending() throws Exception {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        String marker = "the-very-last-document";
        try (RunLogWriter w = store.create(Fixtures.created("c2"))) {
            w.append(new RunFailed(0, marker));
        }
        Path cq4 = eventsFile(store, "c2");
        int at = indexOf(Files.readAllBytes(cq4), marker.getBytes(StandardCharsets.UTF_8));
        overwrite(cq4, at, 'T' ^ 1);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> store.openWriter("c2"));
        assertTrue(e.getMessage().contains("appending is refused"), e.getMessage());
        try (RunLogReader r = store.openReader("c2")) {
            assertFalse(r.verify().intact());
            assertEquals(Fixtures.created("c2"), r.runCreated(), "readable up to the last good document");
        }
        RunSummary listed = store.registry().summary("c2");
        assertEquals(RunStatus.CORRUPT, listed.status(), "a bad tail shows in a plain listing");
        assertTrue(listed.detail().contains("c2") && listed.detail().contains("CRC32C"), listed.detail());
    }

    @Test
    void aTornTailLeavesEveryCommittedIterationReadableAndTheRunListedAsDamaged() throws Exception {
        // A writer cut off mid-append (a full disk faulting the mapped file, a power loss) leaves its last
        // documents bad after the last commit: eval, play and fork of committed iterations must still work.
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        String marker = "cut-off-while-appending";
        try (RunLogWriter w = store.create(Fixtures.created("c3"))) {
            RunLogTest.appendIterations(w, 1, 12, 5);
            w.append(new RunFailed(12, marker));
        }
        Path cq4 = eventsFile(store, "c3");
        int at = indexOf(Files.readAllBytes(cq4), marker.getBytes(StandardCharsets.UTF_8));
        overwrite(cq4, at, 'c' ^ 1);
        try (RunLogReader r = store.openReader("c3")) {
            assertEquals(12, r.lastCommitted().orElseThrow().iteration(), "the last commit before the torn tail");
            assertEquals(10, r.latestCheckpointAtOrBefore(12).orElseThrow().iteration());
            assertTrue(r.terminal().isEmpty(), "the torn RunFailed is not read as the run's end");
            assertTrue(r.tornTail().orElseThrow().getMessage().contains("CRC32C"));
            List<LogEntry> committed = r.readAllBeforeTornTail();
            assertEquals(12, committed.stream().filter(e -> e.event() instanceof IterationCommitted).count());
            assertTrue(committed.stream().noneMatch(e -> e.event() instanceof RunFailed));
        }
        CorruptLogException refused = assertThrows(CorruptLogException.class, () -> store.openWriter("c3"));
        assertTrue(refused.getMessage().contains("amp fork c3 --at N"), refused.getMessage());
        RunSummary listed = store.registry().summary("c3");
        assertEquals(RunStatus.CORRUPT, listed.status(), "a torn tail still shows in a plain listing");
        assertEquals(12, listed.iterations(), "summarised from the good prefix");
    }

    @Test
    void aBadDocumentBeforeAGoodOneIsNotPassedOverByATailLookUp() throws Exception {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        String marker = "bad-but-not-the-tail";
        try (RunLogWriter w = store.create(Fixtures.created("c4"))) {
            RunLogTest.appendIterations(w, 1, 3, 5);
            w.append(new RunFailed(3, marker));
            RunLogTest.appendIterations(w, 4, 6, 5);
        }
        Path cq4 = eventsFile(store, "c4");
        int at = indexOf(Files.readAllBytes(cq4), marker.getBytes(StandardCharsets.UTF_8));
        overwrite(cq4, at, 'b' ^ 1);
        try (RunLogReader r = store.openReader("c4")) {
            assertTrue(r.tornTail().isEmpty(), "the last document is intact");
            assertEquals(6, r.lastCommitted().orElseThrow().iteration());
            CorruptLogException e = assertThrows(CorruptLogException.class,
                    () -> r.lastMatching(ev -> ev instanceof dev.ampj.storage.event.RunCreated));
            assertTrue(e.getMessage().contains("c4"), e.getMessage());
            assertThrows(CorruptLogException.class, r::readAllBeforeTornTail, "only a tail is passed over");
        }
    }

    /** The run's events queue file (one roll cycle in these tests). */
    private static Path eventsFile(RunStore store, String run) throws IOException {
        try (Stream<Path> files = Files.list(store.directory(run).events())) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Writes one byte in place, as a damaged disk or a stray writer would. */
    private static void overwrite(Path file, long at, int value) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(value);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
