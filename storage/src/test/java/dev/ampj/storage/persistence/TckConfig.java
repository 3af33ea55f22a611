package dev.ampj.storage.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Actor-system config selecting this module's plugins over a fresh runs root under target/. */
final class TckConfig {

    private TckConfig() {}

    static Config forFreshRunsDir(String prefix) {
        try {
            Path base = Files.createDirectories(Path.of("target", "persistence-tests"));
            Path runs = Files.createTempDirectory(base, prefix);
            return ConfigFactory.parseString(
                    "pekko.persistence.journal.plugin = \"amp.storage.journal\"\n"
                            + "pekko.persistence.snapshot-store.plugin = \"amp.storage.snapshot-store\"\n"
                            + "pekko.loglevel = WARNING\n"
                            + "amp.storage.runs-dir = \"" + runs.toAbsolutePath() + "\"\n")
                    .withFallback(ConfigFactory.load());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
