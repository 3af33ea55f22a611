package dev.ampj.ops;

import static dev.ampj.ops.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.common.Digests;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.ForkPoint;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunFinished;
import dev.ampj.storage.log.RunLogWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {

    @TempDir
    Path runs;

    private static String sha(String s) {
        return Digests.sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static RunCreated created(String name, ForkPoint fork) {
        return new RunCreated(name, "amp {}", 1, fork, "", Map.of(), Map.of(), "h", 50);
    }

    private static IterationCommitted commit(long i) {
        return new IterationCommitted(i, i * 100, sha("p" + i), sha("d" + i), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    @Test
    void listsRunsAsJsonAndAsALineageTable() {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        try (RunLogWriter w = store.create(created("base", null))) {
            w.append(commit(1));
            w.append(commit(2));
            w.append(new RunFinished(2));
        }
        try (RunLogWriter w = store.create(created("child", new ForkPoint("base", 1)))) {
            w.append(commit(2));
        }
        String[] json = run("runs", "--json", "--runs-dir", runs.toString());
        assertEquals("0", json[0], json[2]);
        String line = json[1].strip();
        assertTrue(line.startsWith("[{\"name\":\"base\",\"status\":\"FINISHED\",\"iterations\":2,"), line);
        assertTrue(line.contains("\"policy_digest\":\"" + sha("p2") + "\""), line);
        assertTrue(line.contains("\"discriminator_digest\":\"" + sha("d2") + "\""), line);
        assertTrue(line.contains("\"parent\":null,\"fork_iteration\":null"), line);
        assertTrue(line.contains("{\"name\":\"child\",\"status\":\"STOPPED\",\"iterations\":2,"), line);
        assertTrue(line.contains("\"parent\":\"base\",\"fork_iteration\":1"), line);

        String[] table = run("runs", "--runs-dir", runs.toString());
        assertEquals("0", table[0], table[2]);
        assertTrue(table[1].contains("base") && table[1].contains("└─ child @1"), table[1]);
    }

    @Test
    void aResumedRunShowsTheTargetItWasResumedTo() {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        try (RunLogWriter w = store.create(new RunCreated("resumed", "amp {}", 1, null, "", Map.of(), Map.of(), "h", 2))) {
            w.append(commit(1));
            w.append(commit(2));
            w.append(new RunFinished(2));
        }
        try (RunLogWriter w = store.openWriter("resumed")) { // amp resume resumed --iterations 3
            w.append(commit(3));
            w.append(new RunFinished(3));
        }
        String[] table = run("runs", "--runs-dir", runs.toString());
        assertEquals("0", table[0], table[2]);
        String row = table[1].lines().filter(l -> l.startsWith("resumed")).findFirst().orElseThrow();
        assertTrue(row.matches("resumed\\s+FINISHED\\s+3/3\\s.*"), row);
        assertTrue(run("runs", "--json", "--runs-dir", runs.toString())[1].contains("\"iterations\":3,\"target_iterations\":3"));
    }

    @Test
    void verifyExitsOneWhenItFindsACorruptRun() throws IOException {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        try (RunLogWriter w = store.create(created("good", null))) {
            w.append(commit(1));
        }
        try (RunLogWriter w = store.create(created("damaged", null))) {
            w.append(commit(1));
            w.append(commit(2));
            w.append(commit(3));
        }
        String[] r = run("runs", "--verify", "--runs-dir", runs.toString());
        assertEquals("0", r[0], "intact logs: " + r[1] + r[2]);

        // flip one character of iteration 2's policy digest: its document's CRC32C no longer matches
        Path cq4;
        try (Stream<Path> files = Files.walk(store.directory("damaged").events())) {
            cq4 = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] file = Files.readAllBytes(cq4);
        byte[] digest = sha("p2").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(file, digest);
        assertTrue(at > 0, "digest found in the queue file");
        try (RandomAccessFile raf = new RandomAccessFile(cq4.toFile(), "rw")) {
            raf.seek(at);
            raf.write(file[at] ^ 0x01);
        }

        r = run("runs", "--verify", "--runs-dir", runs.toString());
        assertEquals("1", r[0], r[1] + r[2]);
        assertTrue(r[1].lines().anyMatch(l -> l.startsWith("damaged") && l.contains("CORRUPT") && l.contains("CRC32C")), r[1]);
        assertTrue(r[2].contains("1 corrupt run: damaged"), r[2]);
        assertEquals("0", run("runs", "--runs-dir", runs.toString())[0], "a plain listing reads the ends only and lists");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
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

    @Test
    void emptyRootSaysSo() {
        String[] r = run("runs", "--runs-dir", runs.resolve("none").toString());
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("no runs"), r[1]);
    }
}
