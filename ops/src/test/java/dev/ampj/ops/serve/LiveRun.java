package dev.ampj.ops.serve;

import com.typesafe.config.Config;
import dev.ampj.actors.api.DefaultComponents;
import dev.ampj.actors.api.Session;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A short real training of the ostrich (real physics, bundled reference motion, small networks and
 * few envs) on a background thread, for the dashboard tests to watch while it runs.
 */
final class LiveRun {

    static final int ENVS = 6;
    static final int HORIZON = 16;

    private final Session session;
    private final CompletableFuture<RunOutcome> outcome;

    private LiveRun(Session session) {
        this.session = session;
        this.outcome = session.outcome();
    }

    static LiveRun start(Path runsDir, String name, int iterations) {
        Config config = TestRuns.config("amp.actors.training { num-envs = " + ENVS + ", horizon = " + HORIZON
                + ", shards = 2, iterations = " + iterations + ", checkpoint-every = 100 }");
        Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(runsDir)));
        return new LiveRun(trainer.train(config, name, new Trainer.Options(null, null, null)));
    }

    boolean running() {
        return !outcome.isDone();
    }

    /** Stop at the next iteration boundary. */
    void requestStop() {
        session.requestStop();
    }

    /** Waits for the outcome, then shuts the pipeline down. */
    RunOutcome await() throws Exception {
        try {
            return outcome.get(10, TimeUnit.MINUTES);
        } finally {
            session.close();
        }
    }

    /** Waits until the run's event log exists (the dashboard refuses unknown runs). */
    static void awaitCreated(Path runsDir, String name) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.isDirectory(runsDir.resolve(name).resolve("events")) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }
}
