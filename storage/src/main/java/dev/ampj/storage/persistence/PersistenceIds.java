package dev.ampj.storage.persistence;

import dev.ampj.common.Digests;
import dev.ampj.storage.log.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Maps a Pekko persistence id to a run directory. A persistence id that is a valid run name IS the
 * run (the RunSupervisor's id is its run name). Any other id gets a stable hashed directory under
 * {@code <runs>/.persistence/}, which run listings never see (run names cannot start with '.').
 */
final class PersistenceIds {

    private PersistenceIds() {}

    static RunDirectory directory(Path runsDir, String persistenceId) {
        try {
            return RunDirectory.of(runsDir, RunDirectory.requireValidName(persistenceId));
        } catch (IllegalArgumentException e) {
            String hashed = "pid-" + Digests.sha256Hex(persistenceId.getBytes(StandardCharsets.UTF_8)).substring(0, 40);
            return RunDirectory.of(runsDir.resolve(".persistence"), hashed);
        }
    }

    /** The plugin block's {@code runs-dir}, or {@code amp.storage.runs-dir} of the system config when empty. */
    static Path runsDir(com.typesafe.config.Config plugin, com.typesafe.config.Config system) {
        String dir = plugin.hasPath("runs-dir") ? plugin.getString("runs-dir") : "";
        if (dir.isEmpty()) {
            dir = system.getString("amp.storage.runs-dir");
        }
        return Path.of(dir);
    }
}
