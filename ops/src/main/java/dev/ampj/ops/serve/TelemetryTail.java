package dev.ampj.ops.serve;

import dev.ampj.storage.RunStore;
import dev.ampj.storage.telemetry.TelemetryBatch;
import dev.ampj.storage.telemetry.TelemetryReader;
import java.nio.file.Files;
import java.util.Optional;

/**
 * A run's telemetry queue read from its start, opened once it exists (a run writes its first
 * telemetry after its first rollout). Confined to the thread that uses it.
 */
final class TelemetryTail implements AutoCloseable {

    private final RunStore store;
    private final String run;
    private TelemetryReader reader;
    private TelemetryReader.Tailer tailer;

    TelemetryTail(RunStore store, String run) {
        this.store = store;
        this.run = run;
    }

    /** The next batch, or empty when none is there (yet). */
    Optional<TelemetryBatch> next() {
        if (tailer == null) {
            if (!Files.isDirectory(store.directory(run).telemetry())) {
                return Optional.empty();
            }
            reader = store.telemetryReader(run);
            tailer = reader.tailFromStart();
        }
        return tailer.next();
    }

    /** Call when idle: a read-only queue caches its cycle-file listing and would miss new cycles. */
    void refresh() {
        if (reader != null) {
            reader.refresh();
        }
    }

    @Override
    public void close() {
        if (tailer != null) {
            tailer.close();
            reader.close();
        }
    }
}
