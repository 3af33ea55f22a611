package dev.ampj.sim.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Python client processes for the gateway tests: the interpreter is {@code AMP_TEST_PYTHON}
 * (a venv with mujoco, pyzmq and numpy, which {@code .ci/run} creates); without it the tests are skipped.
 */
public final class PythonClients {

    private PythonClients() {}

    /** The client directory, found from the module or the repository root. */
    public static Path clientDir() {
        for (Path p : List.of(Path.of("clients/python"), Path.of("sim-gateway/clients/python"), Path.of("../sim-gateway/clients/python"))) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("sim-gateway/clients/python not found from " + Path.of("").toAbsolutePath());
    }

    /** The interpreter, or the test is skipped with the reason. */
    public static String python() {
        String py = System.getenv("AMP_TEST_PYTHON");
        assumeTrue(py != null && Files.isExecutable(Path.of(py)),
                "AMP_TEST_PYTHON is not set to a Python with mujoco, pyzmq and numpy (.ci/run creates one:"
                        + " python3 -m venv V && V/bin/pip install mujoco pyzmq numpy); skipping the external-simulator test");
        return py;
    }

    /** A loopback tcp:// address on a port that was free a moment ago. */
    public static String freeAddress() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts {@code script} (relative to the client directory) with {@code args}; output goes to {@code log}. */
    public static Process start(Path log, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python(), clientDir().resolve(script).toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for {@code p} to exit and returns its output; kills it after {@code seconds}. */
    public static String finish(Process p, Path log, int seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        return Files.readString(log);
    }
}
