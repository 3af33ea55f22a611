package dev.ampj.ops.serve;

import com.typesafe.config.Config;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.actors.training.DefaultComponents;
import dev.ampj.actors.training.Trainer;
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

    private final CompletableFuture<RunOutcome> outcome;

    private LiveRun(CompletableFuture<RunOutcome> outcome) {
        this.outcome = outcome;
    }

    static LiveRun start(Path runsDir, String name, int iterations) {
        Config config = TestRuns.config("amp.actors.training { num-envs = " + ENVS + ", horizon = " + HORIZON
                + ", shards = 2, iterations = " + iterations + ", checkpoint-every = 100 }");
        Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(runsDir)));
        CompletableFuture<RunOutcome> done = CompletableFuture.supplyAsync(
                () -> trainer.train(config, name, new Trainer.Options(null, null, null)).await());
        return new LiveRun(done);
    }

    boolean running() {
        return !outcome.isDone();
    }

    RunOutcome await() throws Exception {
        return outcome.get(5, TimeUnit.MINUTES);
    }

    /** Waits until the run's event log exists (the dashboard refuses unknown runs). */
    static void awaitCreated(Path runsDir, String name) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.isDirectory(runsDir.resolve(name).resolve("events")) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }
}
