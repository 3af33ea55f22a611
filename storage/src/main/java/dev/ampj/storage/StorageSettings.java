package dev.ampj.storage;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code amp.storage} block of the configuration, read once (see reference.conf for each key).
 *
 * @param runsDir             root holding one directory per run
 * @param eventsBlockSize     Chronicle block size of a run's events queue (bytes)
 * @param telemetryRollCycle  Chronicle roll cycle of the telemetry queue: pruning deletes whole cycles
 * @param telemetryBlockSize  Chronicle block size of the telemetry queue (bytes)
 * @param telemetryMaxAge     telemetry cycles older than this are pruned (zero: never by age)
 * @param telemetryMaxBytes   oldest telemetry cycles are pruned while the queue exceeds this (0: never)
 */
public record StorageSettings(
        Path runsDir,
        long eventsBlockSize,
        String telemetryRollCycle,
        long telemetryBlockSize,
        Duration telemetryMaxAge,
        long telemetryMaxBytes) {

    static final Set<String> KNOWN_KEYS = Set.of("runs-dir", "events", "telemetry", "journal", "snapshot-store");
    static final Set<String> EVENTS_KEYS = Set.of("block-size");
    static final Set<String> TELEMETRY_KEYS = Set.of("roll-cycle", "block-size", "max-age", "max-bytes");

    public static StorageSettings fromConfig(Config root) {
        Config c = root.getConfig("amp.storage");
        rejectUnknown(c, "amp.storage", KNOWN_KEYS);
        rejectUnknown(c.getConfig("events"), "amp.storage.events", EVENTS_KEYS);
        rejectUnknown(c.getConfig("telemetry"), "amp.storage.telemetry", TELEMETRY_KEYS);
        String cycle = c.getString("telemetry.roll-cycle");
        dev.ampj.storage.telemetry.TelemetryQueues.rollCycle(cycle); // validates the name
        return new StorageSettings(
                Path.of(c.getString("runs-dir")),
                positive(c.getBytes("events.block-size"), "amp.storage.events.block-size"),
                cycle,
                positive(c.getBytes("telemetry.block-size"), "amp.storage.telemetry.block-size"),
                c.getDuration("telemetry.max-age"),
                c.getBytes("telemetry.max-bytes"));
    }

    /** Defaults of reference.conf with another runs root (tests, tools). */
    public static StorageSettings defaults(Path runsDir) {
        return new StorageSettings(runsDir, 16L << 20, "FAST_HOURLY", 64L << 20, Duration.ZERO, 0);
    }

    public StorageSettings withRunsDir(Path dir) {
        return new StorageSettings(dir, eventsBlockSize, telemetryRollCycle, telemetryBlockSize, telemetryMaxAge, telemetryMaxBytes);
    }

    private static long positive(long v, String key) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + v);
        }
        return v;
    }

    static void rejectUnknown(Config c, String path, Set<String> known) {
        List<String> unknown = c.root().keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown + " under " + path + "; known keys: " + new TreeSet<>(known));
        }
    }
}
