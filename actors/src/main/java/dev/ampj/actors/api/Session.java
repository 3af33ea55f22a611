package dev.ampj.actors.api;

import dev.ampj.actors.run.RunOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A run being trained in this process: wait for its outcome, ask it to stop, shut it down. */
public final class Session implements AutoCloseable {

    private final String run;
    private final TrainingSystem system;
    private final CompletableFuture<RunOutcome> outcome;
    private final AtomicBoolean closed = new AtomicBoolean();

    Session(String run, TrainingSystem system, CompletableFuture<RunOutcome> outcome) {
        this.run = run;
        this.system = system;
        this.outcome = outcome;
    }

    public String run() {
        return run;
    }

    public CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    /** Stop at the next iteration boundary (the open iteration is committed first). */
    public void requestStop() {
        system.requestStop();
    }

    /** Waits for the outcome, then shuts the pipeline down. */
    public RunOutcome await() {
        try {
            return outcome.join();
        } finally {
            close();
        }
    }

    /** Shuts the pipeline down once; later calls (a try-with-resources after {@link #await}) do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            system.close();
        }
    }
}
