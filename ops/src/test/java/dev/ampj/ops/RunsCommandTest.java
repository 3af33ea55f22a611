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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    void emptyRootSaysSo() {
        String[] r = run("runs", "--runs-dir", runs.resolve("none").toString());
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("no runs"), r[1]);
    }
}
