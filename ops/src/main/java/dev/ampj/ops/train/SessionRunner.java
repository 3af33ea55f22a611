package dev.ampj.ops.train;

import dev.ampj.actors.api.Session;
import dev.ampj.actors.run.RunOutcome;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Runs a training session to its end in the foreground. The first Ctrl-C asks the run to stop at
 * the next iteration boundary (the open iteration is committed); a second one abandons the open
 * iteration and exits at once — the log stays consistent either way, since every event is one
 * atomic document and an opened-but-uncommitted iteration is simply re-run by the next resume.
 */
public final class SessionRunner {

    /** Exit code after a second Ctrl-C (128 + SIGINT). */
    public static final int ABANDONED = 130;

    private SessionRunner() {}

    /** Waits for the session's outcome; returns the process exit code (0 finished/stopped, 1 failed/diverged). */
    public static int run(Session session, PrintWriter err) {
        return run(session.run(), session::requestStop, session::await, "abandoning the open iteration of " + session.run()
                + "; `amp resume " + session.run() + "` continues from the last commit", err);
    }

    /**
     * As above for a run trained elsewhere (a cluster's learner node): stop requests and the outcome by
     * message; {@code abandonNote} is printed on the second Ctrl-C.
     */
    public static int run(String runName, Runnable requestStop, java.util.function.Supplier<RunOutcome> await, String abandonNote,
            PrintWriter err) {
        AtomicInteger interrupts = new AtomicInteger();
        sun.misc.SignalHandler previous = Signal.handle(new Signal("INT"), sig -> {
            if (interrupts.incrementAndGet() == 1) {
                err.println("amp: stopping " + runName + " after the current iteration (Ctrl-C again to abandon it)");
                err.flush();
                requestStop.run();
            } else {
                err.println("amp: " + abandonNote);
                err.flush();
                System.exit(ABANDONED);
            }
        });
        try {
            RunOutcome o = await.get();
            err.println("amp: " + o.message());
            err.flush();
            return o.ok() ? 0 : 1;
        } finally {
            Signal.handle(new Signal("INT"), previous);
        }
    }
}
