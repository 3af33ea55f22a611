/** Per-env per-step probe records: batched writer, live tailer, pruning by age or size. */
package dev.ampj.storage.telemetry;
