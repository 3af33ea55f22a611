package dev.ampj.ops.bench;

import dev.ampj.common.CounterRandom;
import dev.ampj.common.Digests;
import dev.ampj.storage.checkpoint.CheckpointRef;
import dev.ampj.storage.checkpoint.CheckpointStore;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.log.RunLogWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code amp bench storage}: event appends per second (one document per event, as a run writes
 * them), checkpoint blob throughput (hash + write + fsync + rename), and the time to open a
 * 10,000-iteration run and find its latest checkpoint. Everything runs on real files in a scratch
 * directory that is deleted afterwards.
 */
@Command(name = "storage", mixinStandardHelpOptions = true,
        description = "Benchmark event-log appends, checkpoint writes and run open + latest-checkpoint seek.")
public final class BenchStorageCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Option(names = "--dir", paramLabel = "DIR", description = "Scratch directory (default: a temporary directory).")
    Path dir;

    @Option(names = "--events", description = "Events appended in the timed phase (default: ${DEFAULT-VALUE}).")
    int events = 200_000;

    @Option(names = "--checkpoint-mb", description = "Size of each checkpoint blob in MiB (default: ${DEFAULT-VALUE}).")
    int checkpointMb = 50;

    @Option(names = "--iterations", description = "Iterations in the open/seek run (default: ${DEFAULT-VALUE}).")
    int iterations = 10_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OptionChecks.atLeast("--events", events, 1000);
        OptionChecks.atLeast("--checkpoint-mb", checkpointMb, 1);
        OptionChecks.atLeast("--iterations", iterations, 100);
        boolean temporary = dir == null;
        Path root = temporary ? Files.createTempDirectory("amp-bench-storage-") : Files.createDirectories(dir);
        try {
            Map<String, Object> r = new LinkedHashMap<>();
            double appendPerS = appendEventsPerSecond(root);
            r.put("append_events_per_s", Math.round(appendPerS));
            r.put("append_iteration_us", round(3 * 1e6 / appendPerS, 2)); // Opened + Committed + 1/10 Checkpoint ≈ 2.1 documents; 3 is conservative
            double[] ckpt = checkpointMbPerSecond(root);
            r.put("checkpoint_mb_per_s", round(ckpt[0], 1));
            r.put("checkpoint_read_mb_per_s", round(ckpt[1], 1));
            r.put("checkpoint_mb", checkpointMb);
            long[] during = appendLatencyDuringCheckpoint(root);
            r.put("append_p99_us_during_checkpoint", round(during[0] / 1e3, 1));
            r.put("append_max_us_during_checkpoint", round(during[1] / 1e3, 1));
            double[] seek = openSeekMillis(root);
            r.put("open_seek_ms", round(seek[0], 2));
            r.put("open_seek_first_ms", round(seek[1], 2));
            r.put("seek_mid_run_ms", round(seek[2], 2));
            r.put("iterations", iterations);
            print(r);
            return 0;
        } finally {
            if (temporary) {
                ScratchDirectories.delete(root);
            }
        }
    }

    private static RunCreated created(String run) {
        return new RunCreated(run, "amp { }", 1, null, "", Map.of("bench", "1"), Map.of("torch.intra-op", "2"), "bench", 0);
    }

    private static IterationCommitted commit(long i, String policy, String disc) {
        Map<String, Double> stats = new LinkedHashMap<>();
        for (String k : new String[] {"surrogate_loss", "value_loss", "entropy", "kl", "amp_loss", "grad_pen",
                "expert_score", "policy_score", "task_reward", "style_reward", "episode_length"}) {
            stats.put(k, i * 0.001 + k.length());
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("collect", 800.0);
        timings.put("update", 300.0);
        return new IterationCommitted(i, i * 4096, policy, disc, stats, timings);
    }

    /** Events like a run's: IterationOpened, IterationCommitted, and a CheckpointWritten every 10 iterations. */
    private static long writeIterations(RunLogWriter w, long from, long count, long checkpointEvery) {
        String policy = Digests.sha256Hex("p".getBytes(StandardCharsets.UTF_8));
        String disc = Digests.sha256Hex("d".getBytes(StandardCharsets.UTF_8));
        long n = 0;
        for (long i = from; i < from + count; i++) {
            w.append(new IterationOpened(i));
            w.append(commit(i, policy, disc));
            n += 2;
            if (i % checkpointEvery == 0) {
                w.append(new CheckpointWritten(i, policy, 50L << 20));
                n++;
            }
        }
        return n;
    }

    private double appendEventsPerSecond(Path root) {
        try (RunLogWriter w = RunLogWriter.open(RunDirectory.of(root, "append"))) {
            w.append(created("append"));
            writeIterations(w, 1, 10_000, 10); // warm-up: JIT, first mapped blocks
            long iters = Math.max(1, events * 10L / 21);
            long t0 = System.nanoTime();
            long n = writeIterations(w, 10_001, iters, 10);
            long t1 = System.nanoTime();
            return n / ((t1 - t0) / 1e9);
        }
    }

    private double[] checkpointMbPerSecond(Path root) {
        CheckpointStore store = new CheckpointStore(root.resolve("checkpoints"));
        int bytes = checkpointMb << 20;
        double writeSeconds = 0;
        double readSeconds = 0;
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            byte[] state = new byte[bytes];
            long key = CounterRandom.key(round, "bench-checkpoint");
            for (int i = 0; i < bytes; i += 8) {
                long v = CounterRandom.bits(key, i);
                for (int j = 0; j < 8; j++) {
                    state[i + j] = (byte) (v >>> (8 * j));
                }
            }
            long t0 = System.nanoTime();
            CheckpointRef ref = store.put(state);
            long t1 = System.nanoTime();
            byte[] back = store.read(ref.digest());
            long t2 = System.nanoTime();
            if (back.length != bytes) {
                throw new IllegalStateException("checkpoint read back " + back.length + " bytes, wrote " + bytes);
            }
            writeSeconds += (t1 - t0) / 1e9;
            readSeconds += (t2 - t1) / 1e9;
        }
        double mb = (double) rounds * bytes / (1 << 20);
        return new double[] {mb / writeSeconds, mb / readSeconds};
    }

    /**
     * Appends events while another thread writes a checkpoint blob: the blob goes to its own file,
     * so appends should not wait for it. Returns p99 and max append latency in ns.
     */
    private long[] appendLatencyDuringCheckpoint(Path root) {
        byte[] state = new byte[checkpointMb << 20];
        long key = CounterRandom.key(99, "bench-checkpoint");
        for (int i = 0; i < state.length; i += 8) {
            long v = CounterRandom.bits(key, i);
            for (int j = 0; j < 8; j++) {
                state[i + j] = (byte) (v >>> (8 * j));
            }
        }
        CheckpointStore store = new CheckpointStore(root.resolve("checkpoints-concurrent"));
        String policy = Digests.sha256Hex("p".getBytes(StandardCharsets.UTF_8));
        long[] latency = new long[1 << 22];
        int n = 0;
        try (RunLogWriter w = RunLogWriter.open(RunDirectory.of(root, "concurrent"))) {
            w.append(created("concurrent"));
            writeIterations(w, 1, 5_000, 10);
            Thread writer = new Thread(() -> store.put(state), "checkpoint-writer");
            writer.start();
            for (long i = 5_001; writer.isAlive() && n < latency.length - 2; i++) {
                long t0 = System.nanoTime();
                w.append(new IterationOpened(i));
                long t1 = System.nanoTime();
                w.append(commit(i, policy, policy));
                long t2 = System.nanoTime();
                latency[n++] = t1 - t0;
                latency[n++] = t2 - t1;
            }
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long[] sorted = Arrays.copyOf(latency, n);
        Arrays.sort(sorted);
        return new long[] {sorted[Math.min(n - 1, n * 99 / 100)], sorted[n - 1]};
    }

    /** Median of 7 warm open + latest-checkpoint look-ups, the first one, and a look-up in the middle of the run. */
    private double[] openSeekMillis(Path root) {
        RunDirectory run = RunDirectory.of(root, "seek");
        long expected;
        try (RunLogWriter w = RunLogWriter.open(run)) {
            w.append(created("seek"));
            writeIterations(w, 1, iterations - 3, 10); // the last checkpoint sits a few iterations before the end
            expected = (iterations - 4) / 10 * 10;
            writeIterations(w, iterations - 3, 3, Long.MAX_VALUE);
        }
        double[] samples = new double[7];
        double first = 0;
        for (int i = 0; i < samples.length; i++) {
            long t0 = System.nanoTime();
            long found;
            try (RunLogReader r = RunLogReader.open(run)) {
                found = r.latestCheckpoint().orElseThrow().iteration();
            }
            samples[i] = (System.nanoTime() - t0) / 1e6;
            if (i == 0) {
                first = samples[0];
            }
            if (found != expected) {
                throw new IllegalStateException("latest checkpoint " + found + ", expected " + expected);
            }
        }
        long t0 = System.nanoTime();
        try (RunLogReader r = RunLogReader.open(run)) {
            long mid = iterations / 2 + 5;
            if (r.latestCheckpointAtOrBefore(mid).orElseThrow().iteration() != mid / 10 * 10) {
                throw new IllegalStateException("mid-run checkpoint look-up is wrong");
            }
        }
        double midMs = (System.nanoTime() - t0) / 1e6;
        Arrays.sort(samples);
        return new double[] {samples[samples.length / 2], first, midMs};
    }

    private void print(Map<String, Object> r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder b = new StringBuilder("{\"bench\":\"storage\"");
            r.forEach((k, v) -> b.append(",\"").append(k).append("\":").append(v));
            out.println(b.append('}'));
        } else {
            out.println("storage benchmark");
            r.forEach((k, v) -> out.printf("  %-26s %s%n", k, v));
        }
        out.flush();
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
