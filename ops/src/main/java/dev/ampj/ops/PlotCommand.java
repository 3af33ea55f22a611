package dev.ampj.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp plot}: learning curves of one or more runs as a PNG, against env steps. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Plot a metric of one or more runs against env steps as a PNG: a training statistic of every committed "
                + "iteration (task_reward, style_reward, disc_accuracy, episode_length, ...) or an in-training eval's "
                + "(style_distance, style_distance_matched, tracking_error, falls_per_min, joint_range_error from runs/<run>/eval.jsonl).")
public final class PlotCommand implements Callable<Integer> {

    static final List<String> EVAL_METRICS = List.of("style_distance", "style_distance_matched", "tracking_error", "tracking_error_instant",
            "falls_per_min", "joint_range_error", "joint_range_error_gait", "episode_length_eval", "d_accuracy_policy", "d_accuracy_reference");

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Runs to plot, one series each; or eval.jsonl files kept "
            + "without their runs (an eval metric at iteration × --steps-per-iteration env steps).")
    List<String> runs;

    @Option(names = "--steps-per-iteration", paramLabel = "N", description = "Env steps per iteration of runs given as "
            + "eval.jsonl files (default: ${DEFAULT-VALUE}, the default run's 256 envs × 24 steps).")
    long stepsPerIteration = 6144;

    @Option(names = "--metric", paramLabel = "NAME", description = "What to plot (default: ${DEFAULT-VALUE}).")
    String metric = "style_distance";

    @Option(names = "--labels", paramLabel = "L1,L2,...", split = ",", description = "Legend labels, one per run (default: the run names).")
    List<String> labels;

    @Option(names = "--log-y", description = "Logarithmic y axis.")
    boolean logY;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "PNG to write.")
    Path out;

    @Mixin
    RunsDirOption runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir.get());
        XYChart chart = new XYChartBuilder().width(900).height(520).title(metric).xAxisTitle("env steps (millions)")
                .yAxisTitle(metric).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false); // label a log axis that spans less than a decade too
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(4);
        if (labels != null && labels.size() != runs.size()) {
            throw new IllegalArgumentException("--labels has " + labels.size() + " labels for " + runs.size() + " runs");
        }
        for (int i = 0; i < runs.size(); i++) {
            String run = runs.get(i);
            TreeMap<Long, Double> series = isEvalFile(run) ? evalFileSeries(Path.of(run)) : series(store, run);
            if (series.isEmpty()) {
                throw new IllegalArgumentException("run " + run + " has no values of " + metric + (EVAL_METRICS.contains(metric)
                        ? " (in-training evals are written to " + PeriodicEvaluation.file(store, run) + ")" : ""));
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            series.forEach((steps, v) -> {
                x.add(steps / 1e6);
                y.add(v);
            });
            chart.addSeries(labels != null ? labels.get(i) : run, x, y).setMarker(EVAL_METRICS.contains(metric) ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        Path target = out.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        BitmapEncoder.saveBitmap(chart, target.toString(), BitmapEncoder.BitmapFormat.PNG);
        spec.commandLine().getOut().println("wrote " + target);
        return 0;
    }

    private static boolean isEvalFile(String run) {
        return run.endsWith(".jsonl") && Files.isRegularFile(Path.of(run));
    }

    /** Env steps → value of an eval metric from an eval.jsonl file alone (iteration × steps per iteration). */
    private TreeMap<Long, Double> evalFileSeries(Path file) throws IOException {
        if (!EVAL_METRICS.contains(metric)) {
            throw new IllegalArgumentException(file + " is an eval.jsonl file: plot one of " + EVAL_METRICS + " from it, not " + metric);
        }
        if (stepsPerIteration <= 0) {
            throw new IllegalArgumentException("--steps-per-iteration must be > 0, not " + stepsPerIteration);
        }
        TreeMap<Long, Double> values = new TreeMap<>();
        String key = metric.equals("episode_length_eval") ? "episode_length" : metric;
        for (JsonNode n : PeriodicEvaluation.reports(file)) {
            JsonNode v = key.equals("style_distance_matched") ? n.path(key).path("distance") : n.path(key);
            if (v.isNumber()) {
                values.put(n.get("iteration").asLong() * stepsPerIteration, v.asDouble());
            }
        }
        return values;
    }

    /** Env steps → value: from the run's commits, or from its eval.jsonl (iteration → env steps through the commits). */
    private TreeMap<Long, Double> series(RunStore store, String run) throws IOException {
        TreeMap<Long, Long> stepsAt = new TreeMap<>();
        TreeMap<Long, Double> values = new TreeMap<>();
        try (RunLogReader r = store.openReader(run)) {
            for (LogEntry e : r.readAll()) {
                if (e.event() instanceof IterationCommitted c) {
                    stepsAt.put(c.iteration(), c.envSteps());
                    Double v = c.statistics().get(metric);
                    if (v != null && !EVAL_METRICS.contains(metric)) {
                        values.put(c.envSteps(), v);
                    }
                }
            }
        }
        if (EVAL_METRICS.contains(metric)) {
            String key = metric.equals("episode_length_eval") ? "episode_length" : metric;
            for (JsonNode n : PeriodicEvaluation.reports(PeriodicEvaluation.file(store, run))) {
                Long steps = stepsAt.get(n.get("iteration").asLong());
                // style_distance_matched is an object: its "distance" is the mean over the gaits at their speeds
                JsonNode v = key.equals("style_distance_matched") ? n.path(key).path("distance") : n.path(key);
                if (steps != null && v.isNumber()) {
                    values.put(steps, v.asDouble());
                }
            }
        } else if (values.isEmpty() && !stepsAt.isEmpty()) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; training statistics: "
                    + knownStatistics(store, run) + "; eval metrics: " + EVAL_METRICS);
        }
        return values;
    }

    private static List<String> knownStatistics(RunStore store, String run) {
        try (RunLogReader r = store.openReader(run)) {
            return r.lastCommitted().map(c -> new ArrayList<>(new java.util.TreeSet<>(c.statistics().keySet())))
                    .map(l -> (List<String>) l).orElse(List.of());
        }
    }
}
