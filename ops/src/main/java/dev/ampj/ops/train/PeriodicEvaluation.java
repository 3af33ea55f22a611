package dev.ampj.ops.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import dev.ampj.actors.eval.EvalOptions;
import dev.ampj.actors.eval.EvalReport;
import dev.ampj.actors.eval.PolicyEvaluator;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.CheckpointWritten;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code amp eval} during training: at every checkpoint whose iteration is a multiple of
 * {@code every}, scores that checkpoint's policy on a background thread (a small eval: it shares
 * the cores with training), prints one line and appends the report to {@code runs/<run>/eval.jsonl}.
 * Reads only the stored checkpoint, so it can never change the run: nothing here is digested.
 */
public final class PeriodicEvaluation implements TrainingListener, AutoCloseable {

    /** Envs and seconds of an in-training eval (the full {@code amp eval} defaults are 32 × 20 s). */
    public static final int ENVS = 8;
    public static final double SECONDS = 10.0;
    public static final String FILE = "eval.jsonl";

    private final RunStore store;
    private final String run;
    private final Config config;
    private final long seed;
    private final int every;
    private final IterationTable table;
    private final PrintWriter err;
    private final PolicyEvaluator evaluator;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "amp-periodic-eval");
        t.setDaemon(true);
        return t;
    });

    public PeriodicEvaluation(RunStore store, String run, Config config, long seed, int every, IterationTable table,
            PrintWriter err, PolicyEvaluator evaluator) {
        this.store = store;
        this.run = run;
        this.config = config;
        this.seed = seed;
        this.every = every;
        this.table = table;
        this.err = err;
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
    public static java.util.List<com.fasterxml.jackson.databind.JsonNode> reports(Path file) throws IOException {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
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
                    new EvalOptions(ENVS, SECONDS, null, null, seed, EvalOptions.DEFAULT_WARMUP_SECONDS));
            Files.writeString(file(store, run), new ObjectMapper().writeValueAsString(r.asMap()) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            table.evaluated(r);
            table.note(err, String.format(Locale.ROOT,
                    "%6d eval: style distance %.2f (untrained %.2f, floor %.3f), tracking %.3f m/s, %.2f falls/min, joint range %.2f rad",
                    r.iteration(), r.styleDistance(), r.styleDistanceInit(), r.styleDistanceFloor(), r.trackingError(),
                    r.fallsPerMinute(), r.jointRangeError()));
        } catch (IOException | RuntimeException e) {
            table.note(err, "amp: eval of iteration " + c.iteration() + " failed: " + e.getMessage());
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
