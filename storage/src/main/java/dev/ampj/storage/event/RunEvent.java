package dev.ampj.storage.event;

/**
 * A control event of a run, as stored in the run's {@code events/} queue. A run IS the ordered
 * sequence of these: replay, resume, fork and listing all read them back.
 *
 * <p>Events carry content only; the wall-clock time of an append lives in the document envelope
 * ({@link dev.ampj.storage.log.LogEntry#wallTimeMillis()}) so it is stored but never digested.
 */
public sealed interface RunEvent
        permits RunCreated, IterationOpened, IterationCommitted, CheckpointWritten, RunFinished, RunFailed, RunResumed {

    /** Type tag written before every encoded event; never reused for another type. */
    int typeTag();
}
