package dev.ampj.actors.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.eval.EvalOptions;
import dev.ampj.actors.eval.EvalReport;
import dev.ampj.actors.eval.PolicyEvaluator;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.log.RunLogReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code amp eval} during training ({@code --eval-every N}, a local run or one on a cluster's learner
 * node): at every checkpoint whose iteration is a multiple of {@code every}, scores that checkpoint's
 * policy on a background thread (a small eval: it shares the cores with training), appends the report
 * to {@code runs/<run>/eval.jsonl} and tells {@link Reports} (the table, or the submitter of a cluster
 * run). Reads only the stored checkpoint, so it can never change the run: nothing here is digested.
 */
public final class PeriodicEvaluation implements TrainingListener, AutoCloseable {

    /** Envs and seconds of an in-training eval (the full {@code amp eval} defaults are 32 × 20 s). */
    public static final int ENVS = 8;
    public static final double SECONDS = 10.0;
    public static final String FILE = "eval.jsonl";

    /** Who is told what an eval found: one line per eval, and its style distance (the table's style_d column). */
    public interface Reports {
        void evaluated(double styleDistance, String line);

        /** An eval that failed (the run goes on). */
        void note(String line);
    }

    /** How large each eval is: {@link #ENVS} × {@link #SECONDS} unless a test makes it smaller. */
    public record Size(int envs, double seconds) {
        public static final Size DEFAULT = new Size(ENVS, SECONDS);
    }

    private final RunStore store;
    private final String run;
    private final Config config;
    private final long seed;
    private final int every;
    private final Size size;
    private final Reports reports;
    private final PolicyEvaluator evaluator;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "amp-periodic-eval");
        t.setDaemon(true);
        return t;
    });

    /**
     * The evaluation of run {@code run} (its resolved configuration {@code config}) every {@code every}
     * iterations (0: never; a run on an external simulator never: `amp eval` commands each env's speed,
     * which gateway protocol v1 cannot tell it).
     */
    public PeriodicEvaluation(RunStore store, String run, Config config, int every, Size size, Reports reports,
            PolicyEvaluator evaluator) {
        if (every < 0) {
            throw new IllegalArgumentException("--eval-every must be >= 0 (0 = never), was " + every);
        }
        this.store = store;
        this.run = run;
        this.config = config;
        this.seed = TrainingSettings.fromConfig(config).seed();
        this.every = SimSettings.ENGINE_EXTERNAL.equals(config.getString("amp.sim.engine")) ? 0 : every;
        this.size = size;
        this.reports = reports;
        this.evaluator = evaluator;
    }

    /** Where a run's in-training evaluations are appended, one JSON object per line. */
    public static Path file(RunStore store, String run) {
        return store.directory(run).root().resolve(FILE);
    }

    /**
     * The reports in a run's {@link #file}, in order (blank lines skipped); empty when the run has
     * none. A line that is not JSON is refused naming the file and line.
     */
    public static List<JsonNode> reports(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        int line = 0;
        for (String text : Files.readAllLines(file)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                out.add(json.readTree(text));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " line " + line + ": not a JSON eval report (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /**
     * The committed iteration of {@code run} whose in-training eval came closest to the reference: the
     * lowest style distance at the gaits' speeds, or the pooled one when the run has no per-gait figure
     * (earliest on a tie). {@code option} names the option in errors ({@code --iteration}, {@code --at}).
     */
    public static long best(RunStore store, String run, String option) {
        long last;
        try (RunLogReader r = store.openReader(run)) {
            last = r.lastCommitted().map(IterationCommitted::iteration).orElseThrow(() ->
                    new IllegalArgumentException("run " + run + " has committed no iteration yet"));
        }
        Path file = file(store, run);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " best: run " + run + " has no in-training evals (" + file
                    + "); train with --eval-every N, or give " + option + " N");
        }
        long bestIteration = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        try {
            for (JsonNode n : reports(file)) {
                long it = n.path("iteration").asLong(-1);
                JsonNode matched = n.path("style_distance_matched").path("distance");
                double score = matched.isNumber() ? matched.asDouble() : n.path("style_distance").asDouble(Double.NaN);
                if (it < 0 || it > last || !Double.isFinite(score)) {
                    continue; // an eval of an iteration beyond the log's end (a run stopped before committing it) or without a score
                }
                if (score < bestScore) {
                    bestScore = score;
                    bestIteration = it;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (bestIteration < 0) {
            throw new IllegalArgumentException(option + " best: " + file + " holds no scored eval of a committed iteration of run " + run);
        }
        return bestIteration;
    }

    @Override
    public void onCheckpoint(CheckpointWritten c) {
        if (every > 0 && c.iteration() > 0 && c.iteration() % every == 0) {
            executor.submit(() -> evaluate(c));
        }
    }

    private void evaluate(CheckpointWritten c) {
        try {
            TrainingCheckpoint state = TrainingCheckpoint.decode(store.checkpoints(run).read(c.blobDigest()),
                    "checkpoint " + c.blobDigest() + " of run " + run);
            EvalReport r = evaluator.evaluate(run, c.iteration(), config, seed, state.learnerState(),
                    new EvalOptions(size.envs(), size.seconds(), null, null, seed, EvalOptions.DEFAULT_WARMUP_SECONDS));
            Files.writeString(file(store, run), new ObjectMapper().writeValueAsString(r.asMap()) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            reports.evaluated(r.styleDistance(), String.format(Locale.ROOT,
                    "%6d eval: style distance %.2f (untrained %.2f, floor %.3f), tracking %.3f m/s, %.2f falls/min, joint range %.2f rad",
                    r.iteration(), r.styleDistance(), r.styleDistanceInit(), r.styleDistanceFloor(), r.trackingError(),
                    r.fallsPerMinute(), r.jointRangeError()));
        } catch (IOException | RuntimeException e) {
            reports.note("amp: eval of iteration " + c.iteration() + " failed: " + e.getMessage());
        }
    }

    /** Waits for a running eval (the last checkpoint's) to finish. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
