package dev.ampj.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a test main class with this JVM's flags (module opens/exports, Chronicle
 * system properties) and class path; its stdout lines arrive on a queue.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child died: that is what some tests do to it
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(Files.createDirectories(Path.of("target", "child-jvm")), main.getSimpleName() + "-", ".stderr");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        return new ChildJvm(p, err);
    }

    /** The next stdout line, failing the test (with the child's stderr) if none comes in time. */
    public String nextLine(long timeoutSeconds) throws InterruptedException, IOException {
        String line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("child JVM printed nothing for " + timeoutSeconds + " s (alive: " + process.isAlive()
                    + "); stderr:\n" + Files.readString(stderr));
        }
        return line;
    }

    /** Waits for a line starting with {@code prefix}, skipping others. */
    public String awaitLine(String prefix, long timeoutSeconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = nextLine(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left)));
            if (line.startsWith(prefix)) {
                return line;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line starting with '" + prefix + "' from the child JVM");
            }
        }
    }

    /** SIGKILL (on Unix, destroyForcibly is kill -9) and wait for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
