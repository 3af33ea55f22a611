/** A run's events queue: documents with checksums, the single writer and its lock, read-only readers and live tailers, integrity checks. */
package dev.ampj.storage.log;
