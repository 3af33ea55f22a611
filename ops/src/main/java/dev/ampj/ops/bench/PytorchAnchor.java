package dev.ampj.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampj.learner.bench.BenchSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The side-by-side anchor of {@code amp bench learner --compare}: the same AMP-PPO update and rollout
 * inference in plain PyTorch (amp-rsl-rl's structure, {@code anchor_amp_ppo.py}, shipped in this jar),
 * run with the user's Python on exactly the benchmark's shapes, threads and update count.
 */
final class PytorchAnchor {

    static final String SCRIPT = "anchor_amp_ppo.py";
    static final String INSTALL_HINT = "python3 -m venv V && V/bin/pip install torch numpy  (CPU wheels: torch==2.13.0+cpu)";
    private static final long TIMEOUT_S = 1800;

    /** The anchor's figures: update seconds (mean over the timed updates) and act env-steps/s. */
    record Result(String impl, double updateSeconds, double updateSamplesPerSecond, double actEnvStepsPerSecond) {}

    private PytorchAnchor() {}

    /** The command line that runs the anchor on {@code spec}'s shapes. */
    static List<String> command(String python, Path script, BenchSpec spec) {
        String shape = String.format(java.util.Locale.ROOT,
                "{\"envs\": %d, \"horizon\": %d, \"obs\": %d, \"act\": %d, \"amp\": %d, \"ac_hidden\": %s, \"disc_hidden\": %s}",
                spec.envs(), spec.horizon(), spec.obs(), spec.actions(), spec.amp(), Arrays.toString(spec.acHidden()),
                Arrays.toString(spec.discHidden()));
        return List.of(python, script.toString(), "--preset", spec.preset().equals("g1") ? "g1" : "ostrich",
                "--shape", shape, "--threads", Integer.toString(spec.threads()),
                "--iters", Integer.toString(spec.updates()), "--epochs", Integer.toString(spec.epochs()),
                "--minibatches", Integer.toString(spec.miniBatches()));
    }

    /** Runs the anchor with {@code python}; a missing interpreter or PyTorch is a clear error with the fix. */
    static Result run(String python, BenchSpec spec) {
        Path script = extractScript();
        try {
            List<String> cmd = command(python, script, spec);
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalArgumentException("--compare " + python + ": cannot start it (" + e.getMessage()
                        + "); pass a Python with PyTorch, e.g. " + INSTALL_HINT);
            }
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("--compare: the PyTorch anchor ran past " + TIMEOUT_S + " s");
                }
            } catch (IOException | InterruptedException e) {
                p.destroyForcibly();
                throw new IllegalStateException("--compare: reading the PyTorch anchor failed: " + e, e);
            }
            if (p.exitValue() != 0) {
                String why = output.contains("No module named 'torch'")
                        ? python + " has no PyTorch; get it with: " + INSTALL_HINT
                        : python + " exited with " + p.exitValue() + ":\n" + tail(output);
                throw new IllegalArgumentException("--compare: " + why);
            }
            return parse(output);
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it
            }
        }
    }

    /** The last line of the anchor's output that is a JSON object. */
    static Result parse(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> l.startsWith("{")).collect(Collectors.toList());
        if (lines.isEmpty()) {
            throw new IllegalStateException("--compare: the PyTorch anchor printed no JSON line:\n" + tail(output));
        }
        try {
            JsonNode j = new ObjectMapper().readTree(lines.get(lines.size() - 1));
            return new Result(j.path("impl").asText("pytorch"), need(j, "update_s"), need(j, "update_samples_per_s"),
                    need(j, "act_env_steps_per_s"));
        } catch (IOException e) {
            throw new IllegalStateException("--compare: the PyTorch anchor's JSON line does not parse: " + e.getMessage());
        }
    }

    private static double need(JsonNode j, String key) {
        JsonNode v = j.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalStateException("--compare: the PyTorch anchor's JSON has no number '" + key + "': " + j);
        }
        return v.asDouble();
    }

    private static Path extractScript() {
        try (InputStream in = PytorchAnchor.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the anchor script " + SCRIPT + " is missing from the ops jar");
            }
            Path f = Files.createTempFile("amp-anchor-", ".py");
            Files.write(f, in.readAllBytes());
            return f;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the anchor script to a temp file: " + e.getMessage(), e);
        }
    }

    private static String tail(String s) {
        List<String> lines = new ArrayList<>(s.lines().toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    }
}
