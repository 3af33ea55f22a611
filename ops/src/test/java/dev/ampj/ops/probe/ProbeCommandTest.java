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

    /** Three envs (0, 1, 2) over steps 0..5 (3 per iteration); style: env 0 always 1, env 1 0 then 2 from step 4, env 2 always 0.5. */
    private void writeStyleHistory(String name) {
        try (RunLogWriter log = createRun(name); TelemetryWriter tw = store().telemetryWriter(name)) {
            for (long step = 0; step < 6; step++) {
                float[] style = {1f, step >= 4 ? 2f : 0f, 0.5f};
                float[] task = {0.1f * step, 0.2f, 0.3f};
                float[] zero = new float[3];
                float[] combined = {task[0] + style[0], task[1] + style[1], task[2] + style[2]};
                tw.append(new TelemetryBatch(1 + step / 3, step, 0, new int[] {0, 1, 2}, new long[] {0, 0, 0}, task, zero,
                        style, combined, new boolean[] {step == 2, false, false}));
            }
        }
    }

    @Test
    void worstRanksEnvsByStyleRewardOverTheirLastWindowSteps() {
        writeStyleHistory("w1");
        // Last 2 steps: env 0 → 1.0, env 1 → 2.0, env 2 → 0.5: the worst two are env 2, then env 0.
        String[] r = CliRun.run("probe", "w1", "--once", "--worst", "2", "--window", "2", "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        List<String> rows = r[1].lines().filter(l -> l.matches("^\\s+\\d+\\s+\\d+\\s+\\d+\\s.*")).toList();
        assertEquals(2, rows.size(), r[1]);
        assertTrue(rows.get(0).startsWith("   1      2      2    0.5000"), r[1]);
        assertTrue(rows.get(1).startsWith("   2      0      2    1.0000"), r[1]);
        assertTrue(r[1].contains("w1 iteration 2 step 5: worst 2 of 3 envs by style reward over their last 2 steps"), r[1]);

        // Over all 6 steps env 1's early zeros count: mean 4/6, so env 1 is second worst instead of env 0.
        r = CliRun.run("probe", "w1", "--once", "--worst", "2", "--window", "6", "--json", "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertEquals(1, lines.size(), r[1]);
        assertTrue(lines.get(0).startsWith("{\"run\":\"w1\",\"iteration\":2,\"step\":5,\"window\":6,\"envs\":3,\"worst\":["
                + "{\"env\":2,\"steps\":6,\"style_reward\":0.5,"), lines.get(0));
        assertTrue(lines.get(0).contains("{\"env\":1,\"steps\":6,\"style_reward\":0.6666666666666666,"), lines.get(0));
        // env 0's first episode (steps 0..2) is whole: its rolling return columns are filled; env 1's has not ended.
        r = CliRun.run("probe", "w1", "--once", "--worst", "3", "--window", "6", "--json", "--runs-dir", runs.toString());
        assertTrue(java.util.regex.Pattern.compile("\\{\"env\":0,\"steps\":6,\"style_reward\":1\\.0,[^}]*"
                + "\"rolling_episodes\":1,\"rolling_length\":3\\.0,").matcher(r[1]).find(), r[1]);
        assertTrue(r[1].contains("\"env\":1,\"steps\":6,\"style_reward\":0.6666666666666666,\"task_reward\":0.20000000298023224,"
                + "\"discriminator_score\":0.0,\"rolling_episodes\":0,"), r[1]);
    }

    @Test
    void episodesAreReportedWholeWithTheirReturnSplitIntoTaskAndStyle() {
        // env 7 from step 10 (a probe that started mid-run): its episode 3 ends at step 11 unseen from its start,
        // episode 4 runs steps 12..14 and is whole; env 8's episode 5 never ends.
        try (RunLogWriter log = createRun("e1"); TelemetryWriter tw = store().telemetryWriter("e1")) {
            for (long step = 10; step < 15; step++) {
                long ep7 = step <= 11 ? 3 : 4;
                float[] task = {step, 1f};
                float[] style = {0.5f, 0.25f};
                float[] combined = {step + 0.5f, 1.25f};
                tw.append(new TelemetryBatch(5, step, 0, new int[] {7, 8}, new long[] {ep7, 5}, task, new float[2], style,
                        combined, new boolean[] {step == 11 || step == 14, false}));
            }
        }
        String[] r = CliRun.run("probe", "e1", "--once", "--episodes", "--json", "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertEquals(1, lines.size(), r[1]);
        // task 12 + 13 + 14 = 39, style 3 × 0.5, combined 39 + 1.5
        assertEquals("{\"run\":\"e1\",\"iteration\":5,\"env\":7,\"episode\":4,\"length\":3,\"return\":40.5,"
                + "\"task_return\":39.0,\"style_return\":1.5,\"rolling_episodes\":1,\"rolling_length\":3.0,"
                + "\"rolling_task_return\":39.0,\"rolling_style_return\":1.5}", lines.get(0));

        r = CliRun.run("probe", "e1", "--once", "--episodes", "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("        5      7        4      3    40.500    39.000     1.500     3.0    39.000     1.500"), r[1]);

        // The iteration table carries the same rolling episode columns; env 8 has none yet.
        r = CliRun.run("probe", "e1", "--once", "--runs-dir", runs.toString());
        assertTrue(r[1].contains("     3.0    39.000     1.500"), r[1]);
        assertTrue(r[1].lines().anyMatch(l -> l.startsWith("     8 ") && l.endsWith("       -         -         -")), r[1]);
    }

    @Test
    void worstAndEpisodesTogetherIsBadInput() {
        writeStyleHistory("w2");
        String[] r = CliRun.run("probe", "w2", "--once", "--worst", "2", "--episodes", "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--worst and --episodes"), r[2]);
        r = CliRun.run("probe", "w2", "--once", "--worst", "2", "--window", "0", "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--window"), r[2]);
    }

    @Test
    void unknownRunIsBadInput() {
        String[] r = CliRun.run("probe", "nope", "--once", "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no run 'nope'"), r[2]);
    }
}
