package dev.ampj.ops.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --runs-dir DIR}: the runs root of every command that reads or writes runs. */
public final class RunsDirOption {

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Runs root (default: amp.storage.runs-dir, ./runs).")
    Path dir;

    /** The directory given, or null for the configured one. */
    public Path get() {
        return dir;
    }
}
