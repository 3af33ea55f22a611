package dev.ampj.ops.probe;

import dev.ampj.storage.RunStore;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.telemetry.TelemetryBatch;
import dev.ampj.storage.telemetry.TelemetryReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Tails a run's telemetry queue (from its start or from now) and prints per-env AMP rewards:
 * a summary table each time an iteration's telemetry is complete, or one JSON line per record.
 * Reads only; it works from any process while the run trains, and keeps following across a
 * resume until the run's log records its end.
 */
public final class TelemetryProbe {

    /** How the probe prints. */
    public enum Format { TABLE, JSON }

    private final RunStore store;
    private final String run;
    private final EnvFilter filter;
    private final Format format;
    private final PrintWriter out;

    public TelemetryProbe(RunStore store, String run, java.util.List<Integer> envIds, Format format, PrintWriter out) {
        this.store = store;
        this.run = RunDirectory.requireValidName(run);
        this.filter = EnvFilter.of(envIds);
        this.format = format;
        this.out = out;
    }

    /**
     * Prints telemetry until the run has ended and everything is read ({@code follow}), or until
     * what exists now is read ({@code !follow}). {@code stopped} ends it early (Ctrl-C).
     * Returns the number of records shown.
     */
    public long run(boolean fromStart, boolean follow, long pollMillis, BooleanSupplier stopped) throws InterruptedException {
        RunDirectory dir = store.directory(run);
        if (!dir.exists()) {
            throw new IllegalArgumentException("no run '" + run + "' under " + store.settings().runsDir().toAbsolutePath().normalize());
        }
        while (!Files.isDirectory(dir.telemetry())) { // a run writes its first telemetry after its first rollout
            if (!follow || stopped.getAsBoolean() || ended(dir)) {
                return 0;
            }
            Thread.sleep(pollMillis);
        }
        long shown = 0;
        IterationProbe current = null;
        boolean endSeen = false;
        try (RunLogReader log = RunLogReader.open(dir);
             TelemetryReader reader = store.telemetryReader(run);
             TelemetryReader.Tailer tailer = fromStart ? reader.tailFromStart() : reader.tailFromNow()) {
            while (!stopped.getAsBoolean()) {
                Optional<TelemetryBatch> next = tailer.next();
                if (next.isEmpty()) {
                    if (!follow || endSeen) {
                        break;
                    }
                    endSeen = log.terminal().isPresent(); // logged end: drain once more, then stop
                    if (!endSeen) {
                        Thread.sleep(pollMillis);
                    }
                    continue;
                }
                TelemetryBatch b = next.get();
                if (format == Format.JSON) {
                    shown += printJson(b);
                    continue;
                }
                if (current != null && b.iteration() != current.iteration()) {
                    flush(current);
                    current = null;
                }
                if (current == null) {
                    current = new IterationProbe(b.iteration());
                }
                current.add(b, filter);
                shown += countShown(b);
            }
        }
        if (current != null) {
            flush(current);
        }
        out.flush();
        return shown;
    }

    private static boolean ended(RunDirectory dir) {
        if (!Files.isDirectory(dir.events())) {
            return false;
        }
        try (RunLogReader log = RunLogReader.open(dir)) {
            return log.terminal().isPresent();
        }
    }

    private void flush(IterationProbe p) {
        if (!p.isEmpty()) {
            p.print(out);
        }
    }

    private long countShown(TelemetryBatch b) {
        long n = 0;
        for (int id : b.envIds()) {
            n += filter.accepts(id) ? 1 : 0;
        }
        return n;
    }

    private long printJson(TelemetryBatch b) {
        long n = 0;
        for (int i = 0; i < b.size(); i++) {
            if (!filter.accepts(b.envIds()[i])) {
                continue;
            }
            out.printf(Locale.ROOT,
                    "{\"run\":\"%s\",\"iteration\":%d,\"step\":%d,\"env\":%d,\"episode\":%d,\"task_reward\":%s,"
                            + "\"discriminator_score\":%s,\"style_reward\":%s,\"reward\":%s,\"done\":%b}%n",
                    run, b.iteration(), b.step(), b.envIds()[i], b.episodeIds()[i], num(b.taskReward()[i]),
                    num(b.discriminatorScore()[i]), num(b.styleReward()[i]), num(b.combinedReward()[i]), b.done()[i]);
            n++;
        }
        out.flush();
        return n;
    }

    private static String num(float v) {
        return Float.isFinite(v) ? Float.toString(v) : "null";
    }
}
