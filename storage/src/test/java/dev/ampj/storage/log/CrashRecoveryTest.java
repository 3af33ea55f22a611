package dev.ampj.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.storage.ChildJvm;
import dev.ampj.storage.Fixtures;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunFinished;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer in a child JVM is SIGKILLed; this JVM reopens the run, reads it and writes on. */
class CrashRecoveryTest {

    @TempDir
    Path runs;

    @Test
    void killedWriterLeavesOnlyCompleteDocumentsAndItsLockIsTakenOver() throws Exception {
        long printed;
        try (ChildJvm child = ChildJvm.start(AppendLoopMain.class, runs.toString(), "crash", "loop")) {
            child.awaitLine("committed 50", 120);
            // Tail the run live from this process while the child appends.
            try (RunLogReader live = RunLogReader.open(RunDirectory.of(runs, "crash"));
                    EventTailer t = live.tailFromNow()) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                int seen = 0;
                long lastSeq = 0;
                while (seen < 100 && System.nanoTime() < deadline) {
                    var e = t.next();
                    if (e.isEmpty()) {
                        Thread.onSpinWait();
                        continue;
                    }
                    assertTrue(lastSeq == 0 || e.get().sequenceNr() == lastSeq + 1, "live tail sees every event in order");
                    lastSeq = e.get().sequenceNr();
                    seen++;
                }
                assertEquals(100, seen, "events appended by the other process arrive live");
            }
            printed = Long.parseLong(child.awaitLine("committed 200", 120).split(" ")[1]);
            assertTrue(WriterLock.holder(RunDirectory.of(runs, "crash").writerLock()).orElseThrow().contains("pid " + child.pid()));
            child.kill();
        }
        RunDirectory dir = RunDirectory.of(runs, "crash");
        long lastSeq;
        try (RunLogReader r = RunLogReader.open(dir)) {
            IntegrityReport report = r.verify();
            assertTrue(report.intact(), report.toString());
            List<LogEntry> all = r.readAll();
            assertInstanceOf(RunCreated.class, all.get(0).event());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i).sequenceNr(), "no gap, no duplicate");
                if (i > 0) {
                    long iteration = (i + 1) / 2;
                    Object expected = i % 2 == 1 ? new IterationOpened(iteration) : AppendLoopMain.bigCommit(iteration);
                    assertEquals(expected, all.get(i).event(), "entry " + i + " is complete and exact");
                }
            }
            long committed = r.lastCommitted().map(IterationCommitted::iteration).orElseThrow();
            assertTrue(committed >= printed, committed + " >= " + printed);
            lastSeq = all.get(all.size() - 1).sequenceNr();
            System.out.println("crash test: " + all.size() + " complete events after SIGKILL, last commit " + committed);
        }
        try (RunLogWriter w = RunLogWriter.open(dir)) { // the dead writer's lock is free at once
            assertEquals(lastSeq, w.lastSequenceNr());
            w.append(new RunFinished(0));
        }
        try (RunLogReader r = RunLogReader.open(dir)) {
            assertEquals(new RunFinished(0), r.terminal().orElseThrow());
            assertTrue(r.verify().intact());
        }
    }

    @Test
    void documentCutInHalfByTheKillIsInvisibleAndTheNextWriterAppends() throws Exception {
        try (ChildJvm child = ChildJvm.start(AppendLoopMain.class, runs.toString(), "half", "half")) {
            child.awaitLine("inside-document", 120);
            child.kill();
        }
        RunDirectory dir = RunDirectory.of(runs, "half");
        try (RunLogReader r = RunLogReader.open(dir)) {
            assertTrue(r.verify().intact(), r.verify().toString());
            assertEquals(21, r.readAll().size(), "RunCreated + 10 iterations; the half document is not visible");
        }
        try (RunLogWriter w = RunLogWriter.open(dir)) {
            assertEquals(21, w.lastSequenceNr());
            w.append(new IterationOpened(11));
            w.append(Fixtures.committed(11));
        }
        try (RunLogReader r = RunLogReader.open(dir)) {
            List<LogEntry> all = r.readAll();
            assertEquals(23, all.size());
            assertEquals(Fixtures.committed(11), all.get(22).event());
            assertTrue(r.verify().intact());
        }
    }
}
