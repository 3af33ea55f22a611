package dev.ampj.ops.probe;

import dev.ampj.storage.telemetry.TelemetryBatch;

/**
 * What a probe prints from the telemetry it tails. {@link TelemetryProbe} hands every batch, in
 * queue order, to one view; the view decides what to print and when. Display only: nothing here
 * is digested, and nothing here can reach the run.
 */
interface ProbeView {

    /** Takes the next batch; returns how many of its records the view shows (for the probe's count). */
    long accept(TelemetryBatch batch);

    /** The tailer has caught up with the writer: a live view may refresh. */
    default void caughtUp() {}

    /** No more batches will come (the run ended, {@code --once}, or Ctrl-C). */
    void finish();
}
