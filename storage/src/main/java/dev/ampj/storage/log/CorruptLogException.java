package dev.ampj.storage.log;

/**
 * A document of a run's queue failed its checksum or does not parse: reported with the run and the
 * Chronicle index, so the run can be read (or forked) up to the document before it.
 */
public final class CorruptLogException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String run;
    private final long index;

    public CorruptLogException(String run, String queue, long index, String reason, Throwable cause) {
        super("run '" + run + "': corrupt document in " + queue + " at index 0x" + Long.toHexString(index)
                + " (" + index + "): " + reason, cause);
        this.run = run;
        this.index = index;
    }

    public String run() {
        return run;
    }

    public long index() {
        return index;
    }
}
