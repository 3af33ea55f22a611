package dev.ampj.ops.export;

import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.metrics.RunScalars;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunLogReader;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's curves from its event log, one row per committed iteration, under the TensorBoard tags
 * of {@link RunScalars}: CSV (header row; a tag a commit lacks is empty) or JSON lines (one object
 * per iteration; NaN as null). Columns: iteration, env_steps, time (the commit's append time, UTC).
 */
public final class ScalarExport {

    /** One committed iteration. */
    record Row(long iteration, long envSteps, long wallTimeMillis, Map<String, Double> scalars) {}

    private ScalarExport() {}

    /** The commits of {@code run} in log order (a fork: its own iterations only). */
    static List<Row> rows(RunStore store, String run) {
        List<Row> rows = new ArrayList<>();
        try (RunLogReader r = store.openReader(run)) {
            RunCreated created = r.runCreated();
            long steps = TrainingSettings.fromConfig(RunConfig.parse(created.config(), run)).stepsPerIteration();
            for (LogEntry e : r.readAll()) {
                if (e.event() instanceof IterationCommitted c) {
                    rows.add(new Row(c.iteration(), c.envSteps(), e.wallTimeMillis(), RunScalars.of(c, steps)));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("run " + run + " has no committed iteration to export");
        }
        return rows;
    }

    public static void csv(RunStore store, String run, PrintWriter out) {
        List<Row> rows = rows(store, run);
        Set<String> tags = new LinkedHashSet<>();
        rows.forEach(r -> tags.addAll(r.scalars().keySet()));
        StringBuilder header = new StringBuilder("iteration,env_steps,time");
        tags.forEach(t -> header.append(',').append(csvField(t)));
        out.println(header);
        for (Row r : rows) {
            StringBuilder line = new StringBuilder().append(r.iteration()).append(',').append(r.envSteps()).append(',')
                    .append(Instant.ofEpochMilli(r.wallTimeMillis()));
            for (String t : tags) {
                Double v = r.scalars().get(t);
                line.append(',').append(v == null ? "" : number(v));
            }
            out.println(line);
        }
        out.flush();
    }

    public static void jsonLines(RunStore store, String run, PrintWriter out) {
        for (Row r : rows(store, run)) {
            StringBuilder line = new StringBuilder("{\"iteration\":").append(r.iteration()).append(",\"env_steps\":")
                    .append(r.envSteps()).append(",\"time\":\"").append(Instant.ofEpochMilli(r.wallTimeMillis())).append('"');
            r.scalars().forEach((t, v) -> line.append(",\"").append(t).append("\":")
                    .append(Double.isFinite(v) ? number(v) : "null"));
            out.println(line.append('}'));
        }
        out.flush();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Tags hold '/' and ' ' but never quotes or commas; quote anyway if one ever does. */
    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
