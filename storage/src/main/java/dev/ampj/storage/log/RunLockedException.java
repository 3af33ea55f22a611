package dev.ampj.storage.log;

/** A second writer tried to open a run whose writer lock is held by a live process. */
public final class RunLockedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public RunLockedException(String message) {
        super(message);
    }
}
