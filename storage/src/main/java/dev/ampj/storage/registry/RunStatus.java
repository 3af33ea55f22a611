package dev.ampj.storage.registry;

/** A run's state as its log and writer lock show it. */
public enum RunStatus {
    /** A live process holds the run's writer lock and the last event is not RunFinished/RunFailed. */
    RUNNING,
    /** The last event is RunFinished. */
    FINISHED,
    /** The last event is RunFailed. */
    FAILED,
    /** No terminal event and no live writer: crashed or stopped; resumable. */
    STOPPED,
    /** The log cannot be read to its end (see the summary's problem). */
    CORRUPT
}
