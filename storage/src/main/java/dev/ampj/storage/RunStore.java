package dev.ampj.storage;

import dev.ampj.storage.checkpoint.CheckpointStore;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.log.RunLogWriter;
import dev.ampj.storage.registry.LocatedCheckpoint;
import dev.ampj.storage.registry.RunRegistry;
import dev.ampj.storage.telemetry.TelemetryPruner;
import dev.ampj.storage.telemetry.TelemetryReader;
import dev.ampj.storage.telemetry.TelemetryWriter;

/**
 * Entry point to the runs root: create a run, reopen it for writing (resume), open it read-only,
 * reach its checkpoints and telemetry, list runs and their lineage.
 */
public final class RunStore {

    private final StorageSettings settings;

    public RunStore(StorageSettings settings) {
        this.settings = settings;
    }

    public StorageSettings settings() {
        return settings;
    }

    public RunDirectory directory(String run) {
        return RunDirectory.of(settings.runsDir(), run);
    }

    /** Creates a new run whose first event is {@code created}; an existing run of that name is refused. */
    public RunLogWriter create(RunCreated created) {
        RunDirectory dir = directory(created.run());
        if (dir.exists()) {
            throw new IllegalArgumentException("run '" + created.run() + "' already exists at " + dir.root());
        }
        RunLogWriter writer = RunLogWriter.open(dir, settings.eventsBlockSize(), System::currentTimeMillis);
        try {
            if (writer.lastSequenceNr() != 0) {
                throw new IllegalArgumentException("run '" + created.run() + "' was created concurrently at " + dir.root());
            }
            writer.append(created);
            return writer;
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** Reopens an existing run for appending (resume after a stop or crash). */
    public RunLogWriter openWriter(String run) {
        RunDirectory dir = directory(run);
        if (!dir.exists()) {
            throw new IllegalArgumentException("no run '" + run + "' at " + dir.root());
        }
        return RunLogWriter.open(dir, settings.eventsBlockSize(), System::currentTimeMillis);
    }

    public RunLogReader openReader(String run) {
        return RunLogReader.open(directory(run));
    }

    public CheckpointStore checkpoints(String run) {
        return new CheckpointStore(directory(run).checkpoints());
    }

    /** Reads (and verifies) a checkpoint found along a lineage, from the store of the run that wrote it. */
    public byte[] readCheckpoint(LocatedCheckpoint located) {
        return checkpoints(located.run()).read(located.checkpoint().blobDigest());
    }

    public TelemetryWriter telemetryWriter(String run) {
        return TelemetryWriter.open(directory(run), settings);
    }

    public TelemetryReader telemetryReader(String run) {
        return TelemetryReader.open(directory(run), settings);
    }

    /** Applies {@code amp.storage.telemetry.max-age / max-bytes} to a run's telemetry (events untouched). */
    public TelemetryPruner.Report pruneTelemetry(String run) {
        return TelemetryPruner.prune(directory(run).telemetry(), settings.telemetryMaxAge(), settings.telemetryMaxBytes(),
                java.time.Instant.now());
    }

    public RunRegistry registry() {
        return new RunRegistry(settings.runsDir());
    }
}
