package dev.ampj.ops.serve;

import dev.ampj.ops.RunsCommand;
import dev.ampj.storage.registry.RunRegistry;
import java.util.function.BooleanSupplier;

/**
 * The run list, live: a {@code runs} message (as {@code amp runs --json}) now and whenever a run's
 * status, iteration count or lineage changes. The registry reads only each log's ends and lock.
 */
final class RunsFeed implements Feed {

    private final RunRegistry registry;
    private final long intervalMillis;

    RunsFeed(RunRegistry registry, long intervalMillis) {
        this.registry = registry;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void run(Sink sink, BooleanSupplier stopped) throws InterruptedException {
        String last = null;
        while (!stopped.getAsBoolean()) {
            String now = RunsCommand.toJson(registry.list(false));
            if (!now.equals(last)) {
                sink.send("runs", now);
                last = now;
            }
            Thread.sleep(intervalMillis);
        }
    }
}
