package dev.ampj.actors.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.common.RandomStream;
import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchEncoder;
import dev.ampj.sim.wire.WireFormat;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.agrona.BufferUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/** Settings, deterministic batches and poll loops shared by the transport tests. */
final class TransportFixtures {

    private TransportFixtures() {}

    /** Test settings: a 16 MiB term, 1 MiB messages, the driver in {@code dir}, plus {@code extra} HOCON lines. */
    static TransportSettings settings(Path dir, String extra) {
        return TransportSettings.fromConfig(ConfigFactory.parseString("amp.actors.transport {\n"
                        + "aeron-dir = \"" + dir.toAbsolutePath() + "\"\n"
                        + "term-length = 16 MiB\nmax-message-size = 1 MiB\npublication-timeout = 10s\n"
                        + extra + "\n}")
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }

    /** A batch of {@code columns} rank-2 columns of {@code rows} x {@code width} random floats. */
    static UnsafeBuffer batch(long runId, long iteration, int shard, StreamKind kind, int columns, int rows, int width) {
        long[] counts = new long[columns];
        java.util.Arrays.fill(counts, (long) rows * width);
        UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(WireFormat.batchLength(counts), 64));
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(buffer, 0);
        enc.header(runId, iteration, shard, kind, columns);
        RandomStream r = RandomStream.of(iteration * 1000 + shard, "transport-test");
        float[] data = new float[rows * width];
        for (int c = 0; c < columns; c++) {
            int col = enc.addColumn("col_" + c, rows, width);
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) r.nextGaussian();
            }
            enc.putFloats(col, data);
        }
        assertTrue(enc.encodedLength() == buffer.capacity());
        return buffer;
    }

    /** Polls until {@code done} or 20 s. */
    static void pollUntil(TensorSubscriber subscriber, BooleanSupplier done) {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 20 s");
            }
            idle.idle(subscriber.poll());
        }
    }

    /** Polls for a while, for tests that expect nothing more to arrive. */
    static void pollFor(TensorSubscriber subscriber, long millis) {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            idle.idle(subscriber.poll());
        }
    }

    /** Runs a publishing task on its own thread (publish blocks while the subscriber catches up). */
    static CompletableFuture<Void> async(ExecutorService executor, Runnable task) {
        return CompletableFuture.runAsync(task, executor);
    }

    static ExecutorService publisherThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-publisher");
            t.setDaemon(true);
            return t;
        });
    }
}
