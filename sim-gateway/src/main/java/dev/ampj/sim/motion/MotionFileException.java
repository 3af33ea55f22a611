package dev.ampj.sim.motion;

/**
 * A reference motion file that cannot be used: names the file, the entry (when one is at fault)
 * and the problem in one line. A user-input error, so the CLI reports it with exit code 2.
 */
public final class MotionFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String entry;
    private final String problem;

    public MotionFileException(String file, String entry, String problem) {
        super(format(file, entry, problem));
        this.file = file;
        this.entry = entry;
        this.problem = problem;
    }

    public MotionFileException(String file, String entry, String problem, Throwable cause) {
        this(file, entry, problem);
        initCause(cause);
    }

    /** The file as given by the user. */
    public String file() {
        return file;
    }

    /** The entry (npz member, dict key) at fault, or null when the whole file is. */
    public String entry() {
        return entry;
    }

    public String problem() {
        return problem;
    }

    private static String format(String file, String entry, String problem) {
        return entry == null ? file + ": " + problem : file + ": entry '" + entry + "': " + problem;
    }
}
