package dev.ampj.ops.probe;

import dev.ampj.storage.RunStore;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.telemetry.TelemetryBatch;
import dev.ampj.storage.telemetry.TelemetryReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Tails a run's telemetry queue (from its start or from now) and hands each batch to a
 * {@link ProbeView}: per-iteration tables, one JSON line per record, the worst envs by style
 * reward, or one line per whole episode. Reads only, from any process, while the run trains: the
 * run never waits for a probe, and a probe that dies leaves nothing the run reads. It keeps
 * following across a resume until the run's log records its end.
 */
public final class TelemetryProbe {

    /** How the probe prints records (tables or JSON lines). */
    public enum Format { TABLE, JSON }

    /**
     * What to show. {@code worst} &gt; 0: the worst envs view over {@code window} steps; else
     * {@code episodes}: one line per whole episode; else per-iteration tables or per-record JSON.
     * {@code episodeWindow}: how many recent whole episodes the rolling episode columns average.
     * {@code redraw}: the worst-envs table redraws the screen (a terminal).
     */
    public record Options(List<Integer> envIds, Format format, int worst, int window, boolean episodes, int episodeWindow,
            boolean redraw) {

        public static Options of(List<Integer> envIds, Format format) {
            return new Options(envIds, format, 0, 24, false, 10, false);
        }
    }

    private final RunStore store;
    private final String run;
    private final ProbeView view;

    public TelemetryProbe(RunStore store, String run, List<Integer> envIds, Format format, PrintWriter out) {
        this(store, run, Options.of(envIds, format), out);
    }

    public TelemetryProbe(RunStore store, String run, Options options, PrintWriter out) {
        this.store = store;
        this.run = RunDirectory.requireValidName(run);
        this.view = view(this.run, options, out);
    }

    private static ProbeView view(String run, Options o, PrintWriter out) {
        EnvFilter filter = EnvFilter.of(o.envIds());
        EpisodeTracker episodes = new EpisodeTracker(o.episodeWindow());
        boolean json = o.format() == Format.JSON;
        if (o.worst() != 0) {
            return new WorstEnvsView(run, o.worst(), filter, new StyleWindow(o.window()), episodes, json, o.redraw(), out);
        }
        if (o.episodes()) {
            return new EpisodeView(run, filter, episodes, json, out);
        }
        return json ? new StepJsonView(run, filter, out) : new IterationTableView(filter, episodes, out);
    }

    /**
     * Prints telemetry until the run has ended and everything is read ({@code follow}), or until
     * what exists now is read ({@code !follow}). {@code stopped} ends it early (Ctrl-C).
     * Returns the number of records the view showed.
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
                    view.caughtUp();
                    endSeen = log.terminal().isPresent(); // logged end: drain once more, then stop
                    if (!endSeen) {
                        Thread.sleep(pollMillis);
                    }
                    // A read-only queue caches its cycle-file listing: without this, a probe opened
                    // before another process wrote the first record would never see it.
                    reader.refresh();
                    continue;
                }
                shown += view.accept(next.get());
            }
        }
        view.finish();
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
}
