package dev.ampj.actors.run;

/**
 * How a run's session ended.
 *
 * @param kind           what happened
 * @param lastIteration  last committed (or, in replay, last verified) iteration
 * @param message        one line for the user
 */
public record RunOutcome(Kind kind, long lastIteration, String message) {

    public enum Kind {
        /** Reached its target iteration. */
        FINISHED,
        /** Stopped on request (Ctrl-C, --max-minutes) at an iteration boundary. */
        STOPPED,
        /** An iteration failed; RunFailed is in the log. */
        FAILED,
        /** Re-execution produced other digests than the log records. */
        DIVERGED
    }

    public boolean ok() {
        return kind == Kind.FINISHED || kind == Kind.STOPPED;
    }
}
