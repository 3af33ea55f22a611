package dev.ampj.ops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.ops.ChildJava;
import dev.ampj.ops.cluster.PointMassNodeMain;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.log.RunLogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `amp train` in its own process, sent SIGTERM as a process manager would: it stops at the next
 * iteration boundary like a first Ctrl-C, says so, exits 0 without a stack trace, and the run
 * resumes from its last commit.
 */
class SigtermProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsAtAnIterationBoundaryAndTheRunResumes() throws Exception {
        Path config = Files.writeString(dir.resolve("small.conf"), TestRuns.SMALL);
        Path runs = dir.resolve("runs");
        Path log = dir.resolve("train.log");
        Process p = ChildJava.processBuilder(List.of("-Xmx1g"), PointMassNodeMain.class,
                        List.of("train", "--config", config.toString(), "--iterations", "100000", "--name", "term", "--runs-dir",
                                runs.toString(), "--no-progress"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            RunStore store = new RunStore(StorageSettings.defaults(runs));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (committed(store) < 3) {
                assertTrue(p.isAlive(), "train exited early: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "nothing committed in 120 s: " + Files.readString(log));
                Thread.sleep(20);
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGTERM: " + Files.readString(log));
            String out = Files.readString(log);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("amp: SIGTERM: stopping term after the current iteration"), out);
            assertFalse(out.contains("Exception"), out);
            long last = committed(store);
            assertTrue(last >= 3 && last < 100000, "committed " + last);

            CommandSupport.useComponents(new dev.ampj.actors.testenv.PointMassComponents());
            try {
                String[] r = dev.ampj.ops.CliRun.run("resume", "term", "--iterations", Long.toString(last + 1), "--runs-dir",
                        runs.toString(), "--no-progress");
                assertEquals("0", r[0], r[2]);
            } finally {
                CommandSupport.useComponents(new dev.ampj.actors.api.DefaultComponents());
            }
            assertEquals(last + 1, committed(store));
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static long committed(RunStore store) {
        if (!store.directory("term").exists()) {
            return 0;
        }
        try (RunLogReader r = store.openReader("term")) {
            return r.lastCommitted().map(IterationCommitted::iteration).orElse(0L);
        } catch (RuntimeException | AssertionError e) {
            return 0; // the child is creating the queue
        }
    }
}
