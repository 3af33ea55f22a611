package dev.ampj.storage.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The files of one run under the runs root: {@code events/} (Chronicle Queue of control events),
 * {@code telemetry/} (Chronicle Queue of probe records), {@code checkpoints/} (content-addressed
 * blobs), {@code snapshots/} (Pekko snapshot queue), {@code writer.lock} and {@code tb/} (TensorBoard
 * event files, derived from the events for viewing; never read back by the platform).
 */
public record RunDirectory(Path root, String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public RunDirectory {
        Objects.requireNonNull(root, "root");
        requireValidName(name);
    }

    public static RunDirectory of(Path runsDir, String name) {
        return new RunDirectory(runsDir.resolve(requireValidName(name)), name);
    }

    /** Run names become directory names: letters, digits, '.', '_', '-', not starting with a separator. */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("run name '" + name + "' is invalid: expected 1-128 characters of"
                    + " [A-Za-z0-9._-] starting with a letter or digit");
        }
        return name;
    }

    public Path events() {
        return root.resolve("events");
    }

    public Path telemetry() {
        return root.resolve("telemetry");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path snapshots() {
        return root.resolve("snapshots");
    }

    /** TensorBoard event files: one per training session. */
    public Path tensorBoard() {
        return root.resolve("tb");
    }

    public Path writerLock() {
        return root.resolve("writer.lock");
    }

    /** A run exists once its events queue has been created. */
    public boolean exists() {
        return Files.isDirectory(events());
    }
}
