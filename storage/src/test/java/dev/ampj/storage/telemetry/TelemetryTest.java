package dev.ampj.storage.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.common.CounterRandom;
import dev.ampj.storage.ChildJvm;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.log.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryTest {

    @TempDir
    Path runs;

    static TelemetryBatch batch(long iteration, long step, int shard, int envs) {
        long key = CounterRandom.key(7, "telemetry-test", iteration, step, shard);
        int[] env = new int[envs];
        long[] episode = new long[envs];
        float[] task = new float[envs];
        float[] disc = new float[envs];
        float[] style = new float[envs];
        float[] combined = new float[envs];
        boolean[] done = new boolean[envs];
        for (int i = 0; i < envs; i++) {
            env[i] = shard * envs + i;
            episode[i] = step / 100 + i;
            task[i] = CounterRandom.uniformFloat(key, 4L * i);
            disc[i] = CounterRandom.uniformFloat(key, 4L * i + 1) * 2 - 1;
            style[i] = CounterRandom.uniformFloat(key, 4L * i + 2);
            combined[i] = 0.5f * task[i] + 0.5f * style[i];
            done[i] = CounterRandom.uniformInt(key, 4L * i + 3, 50) == 0;
        }
        return new TelemetryBatch(iteration, step, shard, env, episode, task, disc, style, combined, done);
    }

    @Test
    void batchesRoundTripRecordByRecord() {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        List<TelemetryBatch> written = new ArrayList<>();
        try (TelemetryWriter w = store.telemetryWriter("t1")) {
            for (int step = 0; step < 24; step++) {
                for (int shard = 0; shard < 2; shard++) {
                    TelemetryBatch b = batch(1, step, shard, 64);
                    written.add(b);
                    w.append(b);
                }
            }
        }
        try (TelemetryReader r = store.telemetryReader("t1"); TelemetryReader.Tailer t = r.tailFromStart()) {
            for (TelemetryBatch expected : written) {
                TelemetryBatch got = t.next().orElseThrow();
                assertEquals(expected.step(), got.step());
                assertEquals(expected.shard(), got.shard());
                assertArrayEquals(expected.envIds(), got.envIds());
                assertArrayEquals(expected.episodeIds(), got.episodeIds());
                assertArrayEquals(expected.taskReward(), got.taskReward());
                assertArrayEquals(expected.discriminatorScore(), got.discriminatorScore());
                assertArrayEquals(expected.styleReward(), got.styleReward());
                assertArrayEquals(expected.combinedReward(), got.combinedReward());
                assertArrayEquals(expected.done(), got.done());
                assertEquals(expected.record("t1", 5), got.record("t1", 5));
            }
            assertEquals(Optional.empty(), t.next());
        }
        try (TelemetryReader r = store.telemetryReader("t1"); TelemetryReader.Tailer t = r.tailFromStart()) {
            List<TelemetryRecord> records = new ArrayList<>();
            while (t.nextRecords(records::add) > 0) {
                // drain record by record
            }
            assertEquals(48 * 64, records.size());
            assertEquals("t1", records.get(0).run());
        }
    }

    @Test
    void aSecondProcessTailsTelemetryLive() throws Exception {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        int n = 300;
        long[] appendedAt = new long[n];
        double[] sums = new double[n];
        try (TelemetryWriter w = store.telemetryWriter("live");
                ChildJvm probe = ChildJvm.start(TelemetryTailMain.class, runs.toString(), "live", Integer.toString(n))) {
            probe.awaitLine("ready", 120);
            for (int step = 0; step < n; step++) {
                TelemetryBatch b = batch(3, step, 0, 128);
                for (float f : b.combinedReward()) {
                    sums[step] += f;
                }
                appendedAt[step] = System.nanoTime();
                w.append(b);
                Thread.sleep(2);
            }
            long[] latency = new long[n];
            for (int i = 0; i < n; i++) {
                String[] f = probe.awaitLine("seen ", 60).split(" ");
                int step = Integer.parseInt(f[1]);
                assertEquals(i, step, "batches arrive in order");
                assertEquals(128, Integer.parseInt(f[3]));
                assertEquals(sums[step], Double.parseDouble(f[4]), 1e-9, "content read by the other process");
                latency[i] = Long.parseLong(f[2]) - appendedAt[step];
            }
            assertEquals(0, probe.waitFor(30));
            Arrays.sort(latency);
            System.out.printf("telemetry live tail across processes: %d batches x 128 envs, latency p50 %.1f us, p99 %.1f us, max %.1f us%n",
                    n, latency[n / 2] / 1e3, latency[n * 99 / 100] / 1e3, latency[n - 1] / 1e3);
        }
    }

    @Test
    void pruningDeletesOldCyclesButNeverTheCurrentOneNorEvents() throws Exception {
        Path dir = runs.resolve("p1").resolve("telemetry");
        Files.createDirectories(dir);
        Files.createDirectories(runs.resolve("p1").resolve("events"));
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        for (int h = 0; h < 5; h++) {
            Path f = dir.resolve(String.format("20261122-%02dT.cq4", 7 + h));
            Files.write(f, new byte[1000]);
            Files.setLastModifiedTime(f, FileTime.from(now.minus(Duration.ofHours(5 - h))));
        }
        Files.write(dir.resolve("metadata.cq4t"), new byte[10]);
        TelemetryPruner.Report byAge = TelemetryPruner.prune(dir, Duration.ofMinutes(150), 0, now);
        assertEquals(3, byAge.deleted().size(), byAge.toString()); // 5 h, 4 h, 3 h old
        TelemetryPruner.Report bySize = TelemetryPruner.prune(dir, Duration.ZERO, 1000, now);
        assertEquals(1, bySize.deleted().size());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("20261122-11T.cq4", "metadata.cq4t"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
        TelemetryPruner.Report none = TelemetryPruner.prune(dir, Duration.ofSeconds(1), 1, now);
        assertTrue(none.deleted().isEmpty(), "the cycle being written is never deleted");
        assertTrue(Files.isDirectory(runs.resolve("p1").resolve("events")));
    }

    @Test
    void pruningARealQueueKeepsItReadable() throws Exception {
        StorageSettings s = new StorageSettings(runs, 16L << 20, "FIVE_MINUTELY", 1L << 20, Duration.ZERO, 0);
        RunDirectory run = RunDirectory.of(runs, "p2");
        try (TelemetryWriter w = TelemetryWriter.open(run, s)) {
            w.append(batch(1, 0, 0, 8));
        }
        Path[] cq4;
        try (Stream<Path> files = Files.list(run.telemetry())) {
            cq4 = files.filter(p -> p.toString().endsWith(".cq4")).toArray(Path[]::new);
        }
        assertEquals(1, cq4.length);
        assertTrue(TelemetryPruner.prune(run.telemetry(), Duration.ofMillis(1), 1, Instant.now().plusSeconds(3600)).deleted().isEmpty());
        try (TelemetryReader r = TelemetryReader.open(run, s); TelemetryReader.Tailer t = r.tailFromStart()) {
            assertFalse(t.next().isEmpty());
        }
    }
}
