package dev.ampj.storage.log;

import dev.ampj.storage.Fixtures;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.IterationOpened;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Child-JVM writer for the crash tests. Mode "loop": append iterations forever, printing progress.
 * Mode "half": append a few, then stop inside a document with half its bytes written and wait
 * to be killed.
 */
public final class AppendLoopMain {

    public static void main(String[] args) throws Exception {
        Path runs = Path.of(args[0]);
        String run = args[1];
        String mode = args[2];
        RunDirectory dir = RunDirectory.of(runs, run);
        if (mode.equals("loop")) {
            try (RunLogWriter w = RunLogWriter.open(dir)) {
                w.append(Fixtures.created(run));
                for (long i = 1; ; i++) {
                    w.append(new IterationOpened(i));
                    w.append(bigCommit(i));
                    if (i % 50 == 0) {
                        System.out.println("committed " + i);
                        System.out.flush();
                    }
                }
            }
        }
        try (RunLogWriter w = RunLogWriter.open(dir)) {
            w.append(Fixtures.created(run));
            for (long i = 1; i <= 10; i++) {
                w.append(new IterationOpened(i));
                w.append(Fixtures.committed(i));
            }
        }
        // A raw appender stands for a writer killed mid-document (the run's lock is free by now).
        try (SingleChronicleQueue q = Queues.openWritable(dir.events(), Queues.EVENTS_CYCLE, RunLogWriter.DEFAULT_BLOCK_SIZE);
                ExcerptAppender a = q.createAppender()) {
            DocumentContext dc = a.writingDocument();
            dc.wire().bytes().write(new byte[200_000], 0, 100_000);
            System.out.println("inside-document");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    /** An iteration commit with ~2,000 statistics (~50 KB): a kill often lands mid-append. */
    static IterationCommitted bigCommit(long i) {
        IterationCommitted c = Fixtures.committed(i);
        Map<String, Double> stats = new LinkedHashMap<>(c.statistics());
        for (int k = 0; k < 2000; k++) {
            stats.put("env_" + k + "_return", (double) (i * 31 + k));
        }
        return new IterationCommitted(i, c.envSteps(), c.policyDigest(), c.discriminatorDigest(), stats, c.stageMillis());
    }
}
