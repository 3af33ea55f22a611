package dev.ampj.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {

    @Test
    void referenceConfDefaults() {
        StorageSettings s = StorageSettings.fromConfig(ConfigFactory.load());
        assertEquals(Path.of("./runs"), s.runsDir());
        assertEquals(16L << 20, s.eventsBlockSize());
        assertEquals("FAST_HOURLY", s.telemetryRollCycle());
        assertEquals(Duration.ZERO, s.telemetryMaxAge());
        assertEquals(StorageSettings.defaults(Path.of("./runs")), s);
        assertEquals("dev.ampj.storage.persistence.ChronicleJournal", ConfigFactory.load().getString("amp.storage.journal.class"));
    }

    @Test
    void unknownKeysAreRejectedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageSettings.fromConfig(
                ConfigFactory.parseString("amp.storage.run-dir = x").withFallback(ConfigFactory.load())));
        assertTrue(e.getMessage().contains("run-dir") && e.getMessage().contains("runs-dir"), e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> StorageSettings.fromConfig(
                ConfigFactory.parseString("amp.storage.telemetry.max-size = 1").withFallback(ConfigFactory.load())));
        assertTrue(t.getMessage().contains("amp.storage.telemetry"), t.getMessage());
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageSettings.fromConfig(
                ConfigFactory.parseString("amp.storage.telemetry.roll-cycle = HOURLYISH").withFallback(ConfigFactory.load())));
        assertTrue(e.getMessage().contains("roll-cycle") && e.getMessage().contains("FAST_HOURLY"), e.getMessage());
    }
}
