package dev.ampj.storage.registry;

import dev.ampj.storage.event.CheckpointWritten;
import java.nio.file.Path;

/**
 * A checkpoint found along a run's lineage: the run whose log recorded it (the run itself or an
 * ancestor, for a fork that has not written one yet), the event, and the blob file.
 */
public record LocatedCheckpoint(String run, CheckpointWritten checkpoint, Path blob) {}
