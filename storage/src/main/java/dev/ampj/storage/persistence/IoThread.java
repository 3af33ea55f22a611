package dev.ampj.storage.persistence;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * The one thread on which a plugin touches Chronicle: appenders and tailers are single-thread
 * objects, while the plugin actor runs on a dispatcher pool.
 */
final class IoThread implements AutoCloseable {

    private final ExecutorService executor;

    IoThread(String name) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    <T> Future<T> submit(Supplier<T> work) {
        return FutureConverters.asScala(CompletableFuture.supplyAsync(work, executor));
    }

    /** Runs {@code work} on the I/O thread and waits (shutdown only). */
    void runAndWait(Runnable work) {
        try {
            CompletableFuture.runAsync(work, executor).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("journal I/O thread did not finish closing", e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
