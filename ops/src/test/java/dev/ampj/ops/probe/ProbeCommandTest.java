package dev.ampj.ops.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.ops.CliRun;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunFinished;
import dev.ampj.storage.log.RunLogWriter;
import dev.ampj.storage.telemetry.TelemetryBatch;
import dev.ampj.storage.telemetry.TelemetryWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amp probe} against a real run directory (Chronicle queues on disk), written the way a training run writes it. */
class ProbeCommandTest {

    @TempDir
    Path runs;

    private RunStore store() {
        return new RunStore(StorageSettings.defaults(runs));
    }

    private RunLogWriter createRun(String name) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", "17");
        return store().create(new RunCreated(name, "amp {}", 7L, null, "", versions, Map.of("torch.intra-op", "1"), "host", 2));
    }

    /** Two envs (ids 4 and 5) over 2 iterations × 2 steps; rewards encode (iteration, step, env). */
    private static TelemetryBatch batch(long iteration, long step) {
        int[] ids = {4, 5};
        float[] task = new float[2];
        float[] score = new float[2];
        float[] style = new float[2];
        float[] combined = new float[2];
        for (int i = 0; i < 2; i++) {
            task[i] = iteration + 0.1f * step + ids[i];
            score[i] = -1f * ids[i];
            style[i] = 0.5f * ids[i];
            combined[i] = task[i] + style[i];
        }
        return new TelemetryBatch(iteration, step, 0, ids, new long[] {1, 1}, task, score, style, combined,
                new boolean[] {step == 1, false});
    }


    @Test
    void onceTablePrintsPerEnvMeansPerIteration() {
        try (RunLogWriter log = createRun("r1"); TelemetryWriter tw = store().telemetryWriter("r1")) {
            for (long it = 1; it <= 2; it++) {
                for (long s = 0; s < 2; s++) {
                    tw.append(batch(it, s));
                }
            }
        }
        String[] r = CliRun.run("probe", "r1", "--once", "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.contains("iteration 1") && out.contains("iteration 2"), out);
        // env 4, iteration 1: task = 1 + {0, 0.1} + 4 -> mean 5.05; one episode ended; D score -4; style 2
        assertTrue(out.contains("     4      2     1    5.0500   -4.0000    2.0000    7.0500"), out);
        // all envs of iteration 2: task mean ((6 + 6.1) + (7 + 7.1)) / 4 = 6.55
        assertTrue(out.contains("   all      4     1    6.5500"), out);
    }

    @Test
    void jsonFiltersEnvsAndEmitsOneObjectPerRecord() {
        try (RunLogWriter log = createRun("r2"); TelemetryWriter tw = store().telemetryWriter("r2")) {
            tw.append(batch(1, 0));
            tw.append(batch(1, 1));
        }
        String[] r = CliRun.run("probe", "r2", "--once", "--json", "--env", "5", "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertEquals(2, lines.size(), r[1]);
        assertEquals("{\"run\":\"r2\",\"iteration\":1,\"step\":1,\"env\":5,\"episode\":1,\"task_reward\":6.1,"
                + "\"discriminator_score\":-5.0,\"style_reward\":2.5,\"reward\":8.6,\"done\":false}", lines.get(1));
    }

    @Test
    void followsLiveAppendsUntilTheRunEnds() throws Exception {
        RunLogWriter log = createRun("r3");
        TelemetryWriter tw = store().telemetryWriter("r3");
        tw.append(batch(1, 0));
        StringWriter out = new StringWriter();
        TelemetryProbe probe = new TelemetryProbe(store(), "r3", null, TelemetryProbe.Format.JSON, new PrintWriter(out));
        CompletableFuture<Long> shown = CompletableFuture.supplyAsync(() -> {
            try {
                return probe.run(true, true, 20, () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertTrue(!shown.isDone(), "a live probe keeps following while the run has not ended");
        tw.append(batch(1, 1));
        tw.append(batch(2, 0));
        tw.close();
        log.append(new RunFinished(2));
        log.close();
        assertEquals(6L, shown.get(30, TimeUnit.SECONDS));
        assertEquals(6, out.toString().lines().count(), out.toString());
    }

    @Test
    void liveProbeOpenedBeforeTheFirstRecordSeesLaterAppends() throws Exception {
        RunLogWriter log = createRun("r4");
        TelemetryWriter tw = store().telemetryWriter("r4"); // queue directory exists, no document yet
        StringWriter out = new StringWriter();
        TelemetryProbe probe = new TelemetryProbe(store(), "r4", List.of(4), TelemetryProbe.Format.JSON, new PrintWriter(out));
        CompletableFuture<Long> shown = CompletableFuture.supplyAsync(() -> {
            try {
                return probe.run(false, true, 20, () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        tw.append(batch(1, 0));
        tw.append(batch(2, 0));
        Thread.sleep(300);
        tw.close();
        log.append(new RunFinished(2));
        log.close();
        assertEquals(2L, shown.get(30, TimeUnit.SECONDS), out.toString());
        assertTrue(out.toString().contains("\"iteration\":2,\"step\":0,\"env\":4"), out.toString());
    }

    @Test
    void unknownRunIsBadInput() {
        String[] r = CliRun.run("probe", "nope", "--once", "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no run 'nope'"), r[2]);
    }
}
