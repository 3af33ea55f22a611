package dev.ampj.storage.log;

import dev.ampj.storage.event.RunEvent;

/**
 * A run event as read back: where it is ({@code index} of its Chronicle document, {@code entry}
 * within that document), its sequence number (1-based, shared with the Pekko journal) and the
 * wall-clock time of its append (stored, never digested).
 */
public record LogEntry(long index, int entry, long sequenceNr, long wallTimeMillis, RunEvent event) {}
