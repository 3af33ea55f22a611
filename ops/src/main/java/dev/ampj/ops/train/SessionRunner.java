package dev.ampj.ops.train;

import dev.ampj.actors.api.Session;
import dev.ampj.actors.run.RunOutcome;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Runs a training session to its end in the foreground. The first Ctrl-C (or SIGTERM, as process
 * managers send it) asks the run to stop at the next iteration boundary (the open iteration is
 * committed); a second one abandons the open iteration and exits at once — the log stays
 * consistent either way, since every event is one atomic document and an opened-but-uncommitted
 * iteration is simply re-run by the next resume. Without the SIGTERM handler the JVM would run its
 * shutdown hooks at once and close the media driver under the running pipeline.
 */
public final class SessionRunner {

    /** Exit code after a second Ctrl-C (128 + SIGINT). */
    public static final int ABANDONED = 130;
    /** Exit code after a second SIGTERM (128 + SIGTERM). */
    public static final int TERMINATED = 143;

    private SessionRunner() {}

    /** Waits for the session's outcome; returns the process exit code (0 finished/stopped, 1 failed/diverged). */
    public static int run(Session session, PrintWriter err) {
        return run(session.run(), session::requestStop, session::await, "abandoning the open iteration of " + session.run()
                + "; `amp resume " + session.run() + "` continues from the last commit", err);
    }

    /**
     * As above for a run trained elsewhere (a cluster's learner node): stop requests and the outcome by
     * message; {@code abandonNote} is printed on the second Ctrl-C or SIGTERM.
     */
    public static int run(String runName, Runnable requestStop, java.util.function.Supplier<RunOutcome> await, String abandonNote,
            PrintWriter err) {
        AtomicInteger signals = new AtomicInteger();
        sun.misc.SignalHandler previousInt = Signal.handle(new Signal("INT"),
                stopThenAbandon(signals, "Ctrl-C", ABANDONED, runName, requestStop, abandonNote, err));
        sun.misc.SignalHandler previousTerm = Signal.handle(new Signal("TERM"),
                stopThenAbandon(signals, "SIGTERM", TERMINATED, runName, requestStop, abandonNote, err));
        try {
            RunOutcome o = await.get();
            err.println("amp: " + o.message());
            err.flush();
            return o.ok() ? 0 : 1;
        } finally {
            Signal.handle(new Signal("INT"), previousInt);
            Signal.handle(new Signal("TERM"), previousTerm);
        }
    }

    /** The first signal of either kind requests the stop, the second exits with {@code exitCode}. */
    private static sun.misc.SignalHandler stopThenAbandon(AtomicInteger signals, String name, int exitCode, String runName,
            Runnable requestStop, String abandonNote, PrintWriter err) {
        return sig -> {
            if (signals.incrementAndGet() == 1) {
                err.println("amp: " + name + ": stopping " + runName + " after the current iteration (" + name + " again to abandon it)");
                err.flush();
                requestStop.run();
            } else {
                err.println("amp: " + abandonNote);
                err.flush();
                System.exit(exitCode);
            }
        };
    }
}
