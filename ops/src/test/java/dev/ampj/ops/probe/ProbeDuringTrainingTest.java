package dev.ampj.ops.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.actors.api.DefaultComponents;
import dev.ampj.actors.api.Session;
import dev.ampj.actors.api.Trainer;
import dev.ampj.ops.CliRun;
import dev.ampj.ops.AmpCli;
import dev.ampj.ops.ChildJava;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.telemetry.TelemetryBatch;
import dev.ampj.storage.telemetry.TelemetryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amp probe} against a real ostrich training (real physics, real pipeline, its real
 * Chronicle telemetry queue): a probe in its own JVM shows the worst envs live and is then
 * SIGKILLed mid-run, and the run's every digest equals that of the same run trained without a
 * probe; afterwards the worst-envs and episode views agree with sums computed straight from the queue.
 */
class ProbeDuringTrainingTest {

    private static final int ENVS = 6;
    /** More than the test needs: the probed run is stopped a few iterations after the kill. */
    private static final int MANY = 300;

    @TempDir
    Path runs;

    private Config config(long iterations) {
        return TestRuns.config("amp.actors.training { num-envs = " + ENVS + ", horizon = 16, shards = 2, iterations = "
                + iterations + ", checkpoint-every = 100 }");
    }

    private Session train(String name, long iterations) {
        Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(runs)));
        return trainer.train(config(iterations), name, new Trainer.Options(null, null, null));
    }

    private Process probeProcess(String run, Path log) throws Exception {
        return ChildJava.processBuilder(List.of("-Xmx256m"), AmpCli.class,
                        List.of("probe", run, "--from-start", "--worst", "3", "--poll-ms", "20", "--runs-dir", runs.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private List<IterationCommitted> commits(String run) {
        List<IterationCommitted> out = new ArrayList<>();
        try (RunLogReader r = new RunStore(StorageSettings.defaults(runs)).openReader(run)) {
            for (LogEntry e : r.readAll()) {
                if (e.event() instanceof IterationCommitted c) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private long lastCommitted(String run) {
        if (!Files.isDirectory(runs.resolve(run).resolve("events"))) {
            return 0;
        }
        try (RunLogReader r = new RunStore(StorageSettings.defaults(runs)).openReader(run)) {
            return r.lastCommitted().map(IterationCommitted::iteration).orElse(0L);
        }
    }

    private static String read(Path p) throws Exception {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    @Test
    void aProbeSigkilledMidRunChangesNoDigestAndItsViewsAgreeWithTheQueue() throws Exception {
        Session probed = train("probed", MANY);
        Path log = runs.resolve("probe.log");
        Process probe = null;
        long killedAt;
        try {
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (lastCommitted("probed") < 1 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            probe = probeProcess("probed", log);
            while (!read(log).contains("worst 3 of " + ENVS + " envs") && probe.isAlive() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            String live = read(log);
            assertTrue(live.contains("probed iteration ") && live.contains("worst 3 of " + ENVS + " envs"), live);
            assertFalse(probed.outcome().isDone(), "the run must still be training when the probe is killed");
            probe.destroyForcibly(); // SIGKILL: no shutdown hook, the tailer is never closed
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, probe.exitValue(), "killed by SIGKILL");
            killedAt = lastCommitted("probed");
            while (lastCommitted("probed") < killedAt + 2 && !probed.outcome().isDone() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            probed.requestStop();
            RunOutcome outcome = probed.outcome().get(5, TimeUnit.MINUTES);
            assertEquals(RunOutcome.Kind.STOPPED, outcome.kind(), outcome.message());
        } finally {
            if (probe != null) {
                probe.destroyForcibly();
            }
            probed.close();
        }
        List<IterationCommitted> withProbe = commits("probed");
        int k = withProbe.size();
        assertTrue(k >= killedAt + 2, "the run went on after the kill: " + k + " iterations, killed at " + killedAt);

        Session plain = train("plain", k);
        try {
            RunOutcome outcome = plain.outcome().get(5, TimeUnit.MINUTES);
            assertEquals(RunOutcome.Kind.FINISHED, outcome.kind(), outcome.message());
        } finally {
            plain.close();
        }
        List<IterationCommitted> without = commits("plain");
        assertEquals(k, without.size());
        for (int i = 0; i < k; i++) {
            String difference = difference(without.get(i), withProbe.get(i));
            assertTrue(difference.isEmpty(), "iteration " + (i + 1) + " of " + k + " (probe killed at " + killedAt
                    + "), plain/probed:" + difference);
        }

        assertViewsAgreeWithTheQueue("probed");
    }

    /**
     * Everything that differs between two commits of one iteration, "" if nothing: the digests, each
     * statistic (rollout statistics such as task_reward differ when the rollout did, only losses when
     * an update did) and the shard restarts either run recorded there.
     */
    private static String difference(IterationCommitted plain, IterationCommitted probed) {
        StringBuilder d = new StringBuilder();
        if (!plain.policyDigest().equals(probed.policyDigest())) {
            d.append(" policy ").append(plain.policyDigest()).append('/').append(probed.policyDigest()).append(';');
        }
        if (!plain.discriminatorDigest().equals(probed.discriminatorDigest())) {
            d.append(" discriminator ").append(plain.discriminatorDigest()).append('/').append(probed.discriminatorDigest())
                    .append(';');
        }
        java.util.Set<String> keys = new java.util.TreeSet<>(plain.statistics().keySet());
        keys.addAll(probed.statistics().keySet());
        for (String key : keys) {
            Double a = plain.statistics().get(key);
            Double b = probed.statistics().get(key);
            if (a == null || !a.equals(b)) {
                d.append(' ').append(key).append(' ').append(a).append('/').append(b).append(';');
            }
        }
        if (d.length() > 0) {
            d.append(" shard_restarts ").append(plain.stageMillis().get("shard_restarts")).append('/')
                    .append(probed.stageMillis().get("shard_restarts"));
        }
        return d.toString();
    }

    /** The worst-envs ranking and every whole episode's length and returns, recomputed from the queue's records. */
    private void assertViewsAgreeWithTheQueue(String run) {
        int window = 16;
        Map<Integer, List<Float>> style = new TreeMap<>();
        Map<String, double[]> episodes = new TreeMap<>(); // "env/episode" -> {length, task, style}
        try (TelemetryReader reader = new RunStore(StorageSettings.defaults(runs)).telemetryReader(run);
             TelemetryReader.Tailer t = reader.tailFromStart()) {
            for (Optional<TelemetryBatch> b = t.next(); b.isPresent(); b = t.next()) {
                TelemetryBatch x = b.get();
                for (int i = 0; i < x.size(); i++) {
                    style.computeIfAbsent(x.envIds()[i], e -> new ArrayList<>()).add(x.styleReward()[i]);
                    double[] ep = episodes.computeIfAbsent(x.envIds()[i] + "/" + x.episodeIds()[i], e -> new double[3]);
                    ep[0]++;
                    ep[1] += x.taskReward()[i];
                    ep[2] += x.styleReward()[i];
                }
            }
        }
        assertEquals(ENVS, style.size());
        List<double[]> means = new ArrayList<>(); // {mean style over the last window steps, env}
        style.forEach((env, s) -> {
            double sum = 0;
            for (float v : s.subList(s.size() - window, s.size())) {
                sum += v;
            }
            means.add(new double[] {sum / window, env});
        });
        means.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));

        String[] r = CliRun.run("probe", run, "--once", "--worst", "3", "--window", Integer.toString(window), "--json",
                "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        Matcher m = Pattern.compile("\\{\"env\":(\\d+),\"steps\":(\\d+),\"style_reward\":([^,]+),").matcher(r[1]);
        for (int rank = 0; rank < 3; rank++) {
            assertTrue(m.find(), r[1]);
            assertEquals((int) means.get(rank)[1], Integer.parseInt(m.group(1)), "env at rank " + (rank + 1) + ": " + r[1]);
            assertEquals(window, Integer.parseInt(m.group(2)));
            assertEquals(means.get(rank)[0], Double.parseDouble(m.group(3)), 1e-12, r[1]);
        }
        assertFalse(m.find(), r[1]);

        r = CliRun.run("probe", run, "--once", "--episodes", "--json", "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        Matcher e = Pattern.compile("\"env\":(\\d+),\"episode\":(\\d+),\"length\":(\\d+),\"return\":[^,]+,"
                + "\"task_return\":([^,]+),\"style_return\":([^,]+),").matcher(r[1]);
        int seen = 0;
        while (e.find()) {
            double[] expected = episodes.get(e.group(1) + "/" + e.group(2));
            assertEquals(expected[0], Integer.parseInt(e.group(3)), "length of env " + e.group(1) + " episode " + e.group(2));
            assertEquals(expected[1], Double.parseDouble(e.group(4)), 1e-9, "task return of " + e.group(1) + "/" + e.group(2));
            assertEquals(expected[2], Double.parseDouble(e.group(5)), 1e-9, "style return of " + e.group(1) + "/" + e.group(2));
            seen++;
        }
        assertTrue(seen >= ENVS, "an untrained ostrich falls within a few iterations: whole episodes expected, got " + seen
                + "\n" + r[1]);
        assertEquals(seen, r[1].lines().count(), r[1]);
    }
}
