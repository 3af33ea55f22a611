package dev.ampj.ops.serve;

import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunFailed;
import dev.ampj.storage.event.RunFinished;
import dev.ampj.storage.log.EventTailer;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.telemetry.TelemetryBatch;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A run's live curves: one {@code iteration} message per committed iteration (statistics, stage
 * times in seconds, env steps/s) from its event log, and one {@code heat} message per iteration of
 * telemetry (per-env mean style and task reward), read from the start. While catching up with a
 * long run only the last {@link #HEAT_ROWS} heat rows are sent. {@code status} follows the run's
 * terminal events; the feed keeps following, as a resume appends to the same log.
 */
final class RunFeed implements Feed {

    static final int HEAT_ROWS = 30;
    static final int BATCHES_PER_ROUND = 512;

    private final RunStore store;
    private final String run;
    private final long pollMillis;

    RunFeed(RunStore store, String run, long pollMillis) {
        this.store = store;
        this.run = RunDirectory.requireValidName(run);
        this.pollMillis = pollMillis;
    }

    @Override
    public void run(Sink sink, BooleanSupplier stopped) throws InterruptedException {
        RunDirectory dir = store.directory(run);
        while (!Files.isDirectory(dir.events())) {
            if (stopped.getAsBoolean()) {
                return;
            }
            Thread.sleep(pollMillis);
        }
        ArrayDeque<String> heatBacklog = new ArrayDeque<>();
        boolean catchingUp = true;
        EnvStyleHeat heat = null;
        boolean heatDirty = false;
        long previousSteps = -1;
        try (RunLogReader log = RunLogReader.open(dir); EventTailer events = log.tailFromStart();
             TelemetryTail telemetry = new TelemetryTail(store, run)) {
            while (!stopped.getAsBoolean()) {
                boolean any = false;
                for (Optional<LogEntry> e = events.next(); e.isPresent(); e = events.next()) {
                    any = true;
                    previousSteps = onEvent(e.get(), previousSteps, sink);
                }
                for (int i = 0; i < BATCHES_PER_ROUND; i++) {
                    Optional<TelemetryBatch> b = telemetry.next();
                    if (b.isEmpty()) {
                        break;
                    }
                    any = true;
                    if (heat != null && heat.iteration() != b.get().iteration()) {
                        emitHeat(heat, catchingUp, heatBacklog, sink);
                        heat = null;
                    }
                    if (heat == null) {
                        heat = new EnvStyleHeat(b.get().iteration());
                    }
                    heat.add(b.get());
                    heatDirty = true;
                }
                if (any) {
                    continue;
                }
                if (catchingUp) {
                    catchingUp = false;
                    for (String row : heatBacklog) {
                        sink.send("heat", row);
                    }
                    heatBacklog.clear();
                }
                if (heatDirty) { // an iteration's telemetry is written at once: idle means it is (nearly) complete
                    sink.send("heat", heat.json());
                    heatDirty = false;
                }
                Thread.sleep(pollMillis);
                telemetry.refresh();
            }
        }
    }

    private static void emitHeat(EnvStyleHeat heat, boolean catchingUp, ArrayDeque<String> backlog, Sink sink)
            throws InterruptedException {
        if (!catchingUp) {
            sink.send("heat", heat.json());
            return;
        }
        backlog.addLast(heat.json());
        if (backlog.size() > HEAT_ROWS) {
            backlog.removeFirst();
        }
    }

    /** Sends the event's message; returns the env-step count after it (for the next iteration's steps/s). */
    private long onEvent(LogEntry entry, long previousSteps, Sink sink) throws InterruptedException {
        RunEvent e = entry.event();
        if (e instanceof RunCreated c) {
            sink.send("created", Json.object().str("run", c.run()).str("parent", c.fork().map(f -> f.parentRun()).orElse(null))
                    .num("fork_iteration", c.fork().map(f -> f.iteration()).orElse(-1L)).num("target_iterations", c.targetIterations())
                    .end());
        } else if (e instanceof IterationCommitted c) {
            sink.send("iteration", iterationJson(c, previousSteps));
            return c.envSteps();
        } else if (e instanceof RunFinished) {
            sink.send("status", Json.object().str("status", "FINISHED").str("detail", "").end());
        } else if (e instanceof RunFailed f) {
            sink.send("status", Json.object().str("status", "FAILED").str("detail", f.reason()).end());
        }
        return previousSteps;
    }

    static String iterationJson(IterationCommitted c, long previousSteps) {
        Map<String, Double> t = c.stageMillis();
        double seconds = (t.getOrDefault("iteration", 0.0) + t.getOrDefault("commit", 0.0)) / 1000.0;
        double stepsPerSecond = previousSteps < 0 || seconds <= 0 ? Double.NaN : (c.envSteps() - previousSteps) / seconds;
        Json stats = Json.object();
        c.statistics().forEach(stats::num);
        Json stages = Json.object();
        t.forEach((k, v) -> stages.num(k, v / 1000.0));
        return Json.object().num("iteration", c.iteration()).num("env_steps", c.envSteps()).num("steps_per_second", stepsPerSecond)
                .raw("stats", stats.end()).raw("stage_seconds", stages.end()).end();
    }
}
