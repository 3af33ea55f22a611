package dev.ampj.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreter of the tests that check files with the reference tools (tensorboard,
 * onnxruntime): {@code $AMP_TEST_PYTHON} (set by {@code .ci/run}), else {@code .ci/venv/bin/python}
 * of the repository. Tests needing it are skipped, saying why, when neither exists or the module is
 * missing; the platform itself never runs Python.
 */
public final class TestPython {

    private TestPython() {}

    /** The interpreter, having checked it imports {@code module}; skips the test otherwise. */
    public static Path require(String module) {
        String env = System.getenv("AMP_TEST_PYTHON");
        Path python = env != null && !env.isBlank() ? Path.of(env) : repositoryVenv();
        assumeTrue(python != null && Files.isExecutable(python), "no Python for this check: set AMP_TEST_PYTHON or run .ci/run "
                + "to create .ci/venv (looked for " + (python == null ? ".ci/venv/bin/python above " + Path.of("").toAbsolutePath() : python) + ")");
        Result r = run(python, List.of("-c", "import " + module), 60);
        assumeTrue(r.code == 0, python + " cannot import " + module + " (pip install it, or run .ci/run): " + r.output);
        return python;
    }

    /** Runs {@code python args...}; its stdout and stderr together. */
    public static Result run(Path python, List<String> args, long timeoutSeconds) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.toString());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** A script of the test resources ({@code python/NAME}) as a file. */
    public static Path script(String name, Path dir) throws IOException {
        try (var in = TestPython.class.getResourceAsStream("/python/" + name)) {
            if (in == null) {
                throw new IOException("test resource python/" + name + " is missing");
            }
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    public record Result(int code, String output) {}

    private static Path repositoryVenv() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".ci"))) {
                return d.resolve(".ci/venv/bin/python");
            }
        }
        return null;
    }
}
