package dev.ampj.actors.transport;

import static dev.ampj.actors.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.ampj.sim.wire.RunIds;
import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchDecoder;
import dev.ampj.sim.wire.WireFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tensor batches over aeron:ipc through a real embedded media driver. */
@Timeout(120)
class IpcTransportTest {

    private static final long RUN = RunIds.of("ipc-test-run");
    private static final int STREAM = 2001;

    @TempDir
    static Path dir;
    static TransportSettings settings;
    static EmbeddedMediaDriver driver;
    static ExecutorService publisherThread;
    private static int nextStream = STREAM;

    @BeforeAll
    static void start() {
        settings = settings(dir.resolve("aeron"), "");
        driver = EmbeddedMediaDriver.launch(settings);
        publisherThread = publisherThread();
    }

    @AfterAll
    static void stop() {
        publisherThread.shutdownNow();
        driver.close();
    }

    /** Records assembled batches (bytes copied out) and rejections. */
    static final class Sink implements TensorBatchHandler, RejectionHandler {
        final List<byte[]> batches = new ArrayList<>();
        final List<Integer> shards = new ArrayList<>();
        final List<FrameRejection> reasons = new ArrayList<>();
        final List<String> details = new ArrayList<>();

        @Override
        public void onBatch(TensorBatchDecoder batch) {
            byte[] copy = new byte[batch.encodedLength()];
            batch.buffer().getBytes(0, copy);
            batches.add(copy);
            shards.add(batch.shardIndex());
        }

        @Override
        public void onRejected(FrameRejection reason, String detail) {
            reasons.add(reason);
            details.add(detail);
        }
    }

    private static byte[] bytes(UnsafeBuffer b) {
        byte[] out = new byte[b.capacity()];
        b.getBytes(0, out);
        return out;
    }

    @Test
    void multiMebibyteBatchWithManyColumnsArrivesBitExactInChunks() throws Exception {
        int stream = nextStream++;
        UnsafeBuffer source = batch(RUN, 5, 0, StreamKind.TRAJECTORY, 48, 512, 37); // 48 x 75,776 B ≈ 3.5 MiB
        int expectedChunks = (source.capacity() - WireFormat.HEADER_LENGTH + settings.maxChunkPayload() - 1) / settings.maxChunkPayload();
        assertTrue(expectedChunks >= 4, "batch spans several messages");
        Sink sink = new Sink();
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), sink, sink);
             TensorPublisher pub = new TensorPublisher(driver.aeron(), settings, stream)) {
            sub.expectIteration(5);
            pub.awaitConnected();
            CompletableFuture<Integer> chunks = CompletableFuture.supplyAsync(() -> pub.publish(source, 0, source.capacity()), publisherThread);
            pollUntil(sub, () -> sink.batches.size() == 1);
            assertEquals(expectedChunks, chunks.get());
            assertArrayEquals(bytes(source), sink.batches.get(0), "assembled batch is bit-identical to the encoded one");
            assertEquals(expectedChunks, pub.chunksPublished());
            assertEquals(expectedChunks, sub.chunksReceived());
            assertEquals(1, sub.batchesAssembled());
            assertEquals(source.capacity() + (expectedChunks - 1) * WireFormat.HEADER_LENGTH, pub.bytesPublished());
            assertTrue(sink.reasons.isEmpty(), sink.details.toString());
            TensorBatchDecoder decoded = new TensorBatchDecoder().wrap(new UnsafeBuffer(sink.batches.get(0)), 0, source.capacity());
            assertEquals(48, decoded.columnCount());
            assertEquals(37, decoded.dim(decoded.requireColumn("col_47"), 1));
        }
    }

    @Test
    void interleavedShardsAreAssembledIndependentlyAndSmallBatchesTakeOneMessage() throws Exception {
        int stream = nextStream++;
        Sink sink = new Sink();
        UnsafeBuffer[] sources = new UnsafeBuffer[3];
        for (int s = 0; s < 3; s++) {
            sources[s] = batch(RUN, 9, s, StreamKind.TRAJECTORY, 6, 1000 + 300 * s, 64); // 1.5 - 2.9 MiB each
        }
        UnsafeBuffer small = batch(RUN, 9, 3, StreamKind.TRAJECTORY, 3, 16, 8);
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), sink, sink);
             TensorPublisher p0 = new TensorPublisher(driver.aeron(), settings, stream);
             TensorPublisher p1 = new TensorPublisher(driver.aeron(), settings, stream);
             TensorPublisher p2 = new TensorPublisher(driver.aeron(), settings, stream)) {
            sub.expectIteration(9);
            TensorPublisher[] pubs = {p0, p1, p2};
            for (TensorPublisher p : pubs) {
                p.awaitConnected();
            }
            CompletableFuture<Void> sent = async(publisherThread, () -> {
                for (int s = 2; s >= 0; s--) {
                    pubs[s].publish(sources[s], 0, sources[s].capacity());
                }
                assertEquals(1, p0.publish(small, 0, small.capacity()), "a small batch is one message");
            });
            pollUntil(sub, () -> sink.batches.size() == 4);
            sent.get();
            for (int i = 0; i < 4; i++) {
                int shard = sink.shards.get(i);
                assertArrayEquals(bytes(shard == 3 ? small : sources[shard]), sink.batches.get(i), "shard " + shard);
            }
            assertEquals(4, sub.completedBatches());
            assertTrue(sub.isCompleted(2));
            assertTrue(sink.reasons.isEmpty(), sink.details.toString());
        }
    }

    @Test
    void foreignRunStaleIterationAndDuplicateAreRejectedAndFutureIterationsWait() throws Exception {
        int stream = nextStream++;
        Sink sink = new Sink();
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), sink, sink);
             TensorPublisher pub = new TensorPublisher(driver.aeron(), settings, stream)) {
            sub.expectIteration(4);
            pub.awaitConnected();
            UnsafeBuffer foreign = batch(RunIds.of("another-run"), 4, 0, StreamKind.TRAJECTORY, 4, 600, 128);
            UnsafeBuffer stale = batch(RUN, 3, 0, StreamKind.TRAJECTORY, 2, 10, 10);
            UnsafeBuffer wrongKind = batch(RUN, 4, 0, StreamKind.POLICY_PARAMS, 2, 10, 10);
            UnsafeBuffer good = batch(RUN, 4, 0, StreamKind.TRAJECTORY, 4, 600, 128);
            UnsafeBuffer future = batch(RUN, 5, 0, StreamKind.TRAJECTORY, 2, 10, 10);
            async(publisherThread, () -> {
                for (UnsafeBuffer b : new UnsafeBuffer[] {foreign, stale, wrongKind, good, good, future}) {
                    pub.publish(b, 0, b.capacity());
                }
            }).get();
            pollUntil(sub, () -> sink.batches.size() == 1 && sink.reasons.size() == 4);
            pollFor(sub, 200);
            assertEquals(List.of(FrameRejection.FOREIGN_RUN, FrameRejection.STALE_ITERATION, FrameRejection.WRONG_STREAM_KIND,
                    FrameRejection.DUPLICATE), sink.reasons);
            assertTrue(sink.details.get(0).contains("run id"), sink.details.get(0));
            assertTrue(sink.details.get(1).contains("expected iteration 4"), sink.details.get(1));
            assertEquals(1, sink.batches.size(), "the iteration-5 batch waits in the log");
            assertArrayEquals(bytes(good), sink.batches.get(0));
            assertEquals(6, sub.framesRejected(), "4 reported + the second chunks of the foreign and the duplicate batch");

            sub.expectIteration(5);
            pollUntil(sub, () -> sink.batches.size() == 2);
            assertArrayEquals(bytes(future), sink.batches.get(1));
        }
    }

    @Test
    void outOfOrderAndMalformedFramesAreRejected() throws Exception {
        int stream = nextStream++;
        Sink sink = new Sink();
        UnsafeBuffer source = batch(RUN, 1, 0, StreamKind.TRAJECTORY, 1, 64, 64); // 16 KiB payload
        int payload = source.capacity() - WireFormat.HEADER_LENGTH;
        int half = payload / 2;
        UnsafeBuffer frame = new UnsafeBuffer(new byte[WireFormat.HEADER_LENGTH + payload]);
        dev.ampj.sim.wire.FrameHeaderEncoder header = new dev.ampj.sim.wire.FrameHeaderEncoder().wrap(frame, 0);
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), sink, sink);
             io.aeron.ExclusivePublication raw = driver.aeron().addExclusivePublication(settings.publicationChannel(), stream)) {
            sub.expectIteration(1);
            awaitConnected(raw);
            // chunk 1 of 2 without chunk 0
            header.copyFrom(source, 0).chunk(1, 2, half, payload - half, payload);
            frame.putBytes(WireFormat.HEADER_LENGTH, source, WireFormat.HEADER_LENGTH + half, payload - half);
            offer(raw, frame, WireFormat.HEADER_LENGTH + payload - half);
            // bad magic
            frame.putInt(0, 0xDEADBEEF);
            offer(raw, frame, 200);
            // a frame whose length contradicts its chunk length
            header.copyFrom(source, 0).chunk(0, 1, 0, payload, payload);
            offer(raw, frame, 500);
            // then the honest batch still gets through
            header.copyFrom(source, 0).chunk(0, 2, 0, half, payload);
            frame.putBytes(WireFormat.HEADER_LENGTH, source, WireFormat.HEADER_LENGTH, half);
            offer(raw, frame, WireFormat.HEADER_LENGTH + half);
            header.copyFrom(source, 0).chunk(1, 2, half, payload - half, payload);
            frame.putBytes(WireFormat.HEADER_LENGTH, source, WireFormat.HEADER_LENGTH + half, payload - half);
            offer(raw, frame, WireFormat.HEADER_LENGTH + payload - half);
            pollUntil(sub, () -> sink.batches.size() == 1);
            assertEquals(List.of(FrameRejection.OUT_OF_ORDER, FrameRejection.MALFORMED, FrameRejection.MALFORMED), sink.reasons);
            assertTrue(sink.details.get(1).contains("magic"), sink.details.get(1));
            assertTrue(sink.details.get(2).contains("chunk length"), sink.details.get(2));
            assertArrayEquals(bytes(source), sink.batches.get(0));
        }
    }

    @Test
    void aRestartedShardsNewPublicationSupersedesItsUnfinishedBatch() throws Exception {
        int stream = nextStream++;
        Sink sink = new Sink();
        UnsafeBuffer source = batch(RUN, 3, 1, StreamKind.TRAJECTORY, 2, 64, 64);
        int payload = source.capacity() - WireFormat.HEADER_LENGTH;
        int half = payload / 2;
        UnsafeBuffer frame = new UnsafeBuffer(new byte[source.capacity()]);
        dev.ampj.sim.wire.FrameHeaderEncoder header = new dev.ampj.sim.wire.FrameHeaderEncoder().wrap(frame, 0);
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), sink, sink);
             io.aeron.ExclusivePublication crashed = driver.aeron().addExclusivePublication(settings.publicationChannel(), stream);
             TensorPublisher restarted = new TensorPublisher(driver.aeron(), settings, stream)) {
            sub.expectIteration(3);
            restarted.awaitConnected();
            awaitConnected(crashed);
            header.copyFrom(source, 0).chunk(0, 2, 0, half, payload);
            frame.putBytes(WireFormat.HEADER_LENGTH, source, WireFormat.HEADER_LENGTH, half);
            offer(crashed, frame, WireFormat.HEADER_LENGTH + half);
            pollUntil(sub, () -> sub.chunksReceived() == 1);
            restarted.publish(source, 0, source.capacity());
            pollUntil(sub, () -> sink.batches.size() == 1);
            assertArrayEquals(bytes(source), sink.batches.get(0));
            assertEquals(List.of(FrameRejection.INCOMPLETE), sink.reasons);
            assertTrue(sink.details.get(0).contains("superseded"), sink.details.get(0));
            // the old sender's late second half continues nothing and is dropped
            header.copyFrom(source, 0).chunk(1, 2, half, payload - half, payload);
            frame.putBytes(WireFormat.HEADER_LENGTH, source, WireFormat.HEADER_LENGTH + half, payload - half);
            offer(crashed, frame, WireFormat.HEADER_LENGTH + payload - half);
            pollUntil(sub, () -> sink.reasons.size() == 2);
            assertEquals(FrameRejection.OUT_OF_ORDER, sink.reasons.get(1));
            assertEquals(1, sink.batches.size());
        }
    }

    @Test
    void batchesLandInCallerProvidedSlicesOfOneRolloutBuffer() throws Exception {
        int stream = nextStream++;
        Sink sink = new Sink();
        UnsafeBuffer[] sources = new UnsafeBuffer[2];
        for (int s = 0; s < 2; s++) {
            sources[s] = batch(RUN, 6, s, StreamKind.TRAJECTORY, 3, 300, 100);
        }
        int slot = sources[0].capacity();
        UnsafeBuffer rollout = new UnsafeBuffer(org.agrona.BufferUtil.allocateDirectAligned(2 * slot, 64));
        UnsafeBuffer[] slices = {new UnsafeBuffer(rollout, 0, slot), new UnsafeBuffer(rollout, slot, slot)};
        BatchBufferProvider slices0and1 = (iteration, shard, kind, length) -> shard < 2 ? slices[shard] : slices[0];
        UnsafeBuffer tooBig = batch(RUN, 6, 2, StreamKind.TRAJECTORY, 4, 300, 100);
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     slices0and1, sink, sink);
             TensorPublisher pub = new TensorPublisher(driver.aeron(), settings, stream)) {
            sub.expectIteration(6);
            pub.awaitConnected();
            async(publisherThread, () -> {
                pub.publish(sources[1], 0, slot);
                pub.publish(tooBig, 0, tooBig.capacity());
                pub.publish(sources[0], 0, slot);
            }).get();
            pollUntil(sub, () -> sink.batches.size() == 2);
            for (int s = 0; s < 2; s++) {
                byte[] got = new byte[slot];
                rollout.getBytes(s * slot, got);
                assertArrayEquals(bytes(sources[s]), got, "shard " + s + " in its slice of the rollout buffer");
            }
            assertEquals(List.of(FrameRejection.BUFFER_TOO_SMALL), sink.reasons);
            assertTrue(sink.details.get(0).contains("needs " + tooBig.capacity()), sink.details.get(0));
        }
    }

    @Test
    void publisherFailsClearlyWhenTheSubscriberStopsConsuming(@TempDir Path tmp) {
        int stream = nextStream++;
        TransportSettings quick = settings(tmp.resolve("unused"), "publication-timeout = 500ms");
        UnsafeBuffer big = batch(RUN, 8, 0, StreamKind.TRAJECTORY, 8, 1024, 256); // 8 MiB: the 16 MiB term fills within 3
        try (TensorSubscriber idle = new TensorSubscriber(driver.aeron(), quick, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), b -> { }, (r, d) -> { });
             TensorPublisher pub = new TensorPublisher(driver.aeron(), quick, stream)) {
            pub.awaitConnected();
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> {
                for (int i = 0; i < 8; i++) {
                    pub.publish(big, 0, big.capacity());
                }
            });
            assertTrue(e.getMessage().contains("back-pressured") && e.getMessage().contains("500 ms"), e.getMessage());
            assertTrue(pub.backPressureEvents() > 0);
        }
    }

    @Test
    void policyParametersFanOutToEveryShardsSubscriber() throws Exception {
        int stream = nextStream++;
        UnsafeBuffer theta = batch(RUN, 11, 0, StreamKind.POLICY_PARAMS, 6, 256, 256); // 1.5 MiB
        Sink[] sinks = {new Sink(), new Sink(), new Sink()};
        TensorSubscriber[] shards = new TensorSubscriber[3];
        try (TensorPublisher learner = new TensorPublisher(driver.aeron(), settings, stream)) {
            for (int s = 0; s < 3; s++) {
                shards[s] = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.POLICY_PARAMS,
                        new PooledBatchBuffers(), sinks[s], sinks[s]);
                shards[s].expectIteration(11);
            }
            learner.awaitConnected();
            CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> learner.publish(theta, 0, theta.capacity()), publisherThread);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while ((sinks[0].batches.isEmpty() || sinks[1].batches.isEmpty() || sinks[2].batches.isEmpty()) && System.nanoTime() < deadline) {
                for (TensorSubscriber s : shards) {
                    s.poll();
                }
            }
            assertEquals(2, sent.get());
            for (Sink sink : sinks) {
                assertEquals(1, sink.batches.size());
                assertArrayEquals(bytes(theta), sink.batches.get(0));
            }
        } finally {
            for (TensorSubscriber s : shards) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    @Test
    void subscriberRunsAsAnAgentOnItsOwnThread() throws Exception {
        int stream = nextStream++;
        UnsafeBuffer source = batch(RUN, 2, 0, StreamKind.STYLE_REWARDS, 2, 4096, 16);
        java.util.concurrent.CountDownLatch delivered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<byte[]> got = new java.util.concurrent.atomic.AtomicReference<>();
        TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.STYLE_REWARDS,
                new PooledBatchBuffers(), b -> {
                    byte[] copy = new byte[b.encodedLength()];
                    b.buffer().getBytes(0, copy);
                    got.set(copy);
                    delivered.countDown();
                }, (r, d) -> fail(r + ": " + d));
        sub.expectIteration(2);
        org.agrona.concurrent.AgentRunner runner = new org.agrona.concurrent.AgentRunner(
                settings.idle().newStrategy(), Throwable::printStackTrace, null, sub);
        try (TensorPublisher pub = new TensorPublisher(driver.aeron(), settings, stream)) {
            org.agrona.concurrent.AgentRunner.startOnThread(runner);
            pub.awaitConnected();
            pub.publish(source, 0, source.capacity());
            assertTrue(delivered.await(20, java.util.concurrent.TimeUnit.SECONDS));
            assertArrayEquals(bytes(source), got.get());
        } finally {
            runner.close();
        }
        assertFalse(sub.isConnected(), "closing the runner closed the subscription");
    }

    private static void offer(io.aeron.ExclusivePublication pub, UnsafeBuffer frame, int length) {
        org.agrona.concurrent.IdleStrategy idle = settings.idle().newStrategy();
        while (pub.offer(frame, 0, length) < 0) {
            idle.idle();
        }
    }

    private static void awaitConnected(io.aeron.ExclusivePublication pub) {
        org.agrona.concurrent.IdleStrategy idle = settings.idle().newStrategy();
        while (!pub.isConnected()) {
            idle.idle();
        }
    }

    @Test
    void publisherWithoutSubscriberFailsClearlyAfterTheTimeout(@TempDir Path tmp) {
        TransportSettings quick = settings(tmp.resolve("aeron"), "publication-timeout = 300ms");
        UnsafeBuffer source = batch(RUN, 2, 1, StreamKind.POLICY_PARAMS, 2, 10, 10);
        try (TensorPublisher pub = new TensorPublisher(driver.aeron(), quick, nextStream++)) {
            long start = System.nanoTime();
            TransportTimeoutException e = assertThrows(TransportTimeoutException.class, () -> pub.publish(source, 0, source.capacity()));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 300 && ms < 5_000, "gave up after " + ms + " ms");
            assertTrue(e.getMessage().contains("no subscriber connected") && e.getMessage().contains("stream " + pub.streamId())
                    && e.getMessage().contains("iteration 2") && e.getMessage().contains("POLICY_PARAMS"), e.getMessage());
            assertThrows(TransportTimeoutException.class, pub::awaitConnected);
        }
    }

    @Test
    void steadyStateAllocatesNothing() throws Exception {
        int stream = nextStream++;
        TransportSettings small = settings(dir.resolve("unused"), "max-message-size = 64 KiB");
        UnsafeBuffer source = batch(RUN, 0, 0, StreamKind.TRAJECTORY, 4, 256, 64); // 256 KiB → 5 chunks
        long[] seen = new long[1];
        TensorBatchHandler handler = b -> seen[0] += b.getFloat(0, 0) != 0 ? 1 : 1;
        RejectionHandler failing = (r, d) -> fail(r + ": " + d);
        PooledBatchBuffers buffers = new PooledBatchBuffers();
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), small, stream, RUN, StreamKind.TRAJECTORY, buffers, handler, failing);
             TensorPublisher pub = new TensorPublisher(driver.aeron(), small, stream)) {
            sub.expectIteration(0);
            pub.awaitConnected();
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            // The fewest bytes any round allocated: a per-batch allocation shows in every round
            // (300 × ≥16 bytes), while a one-off (JIT deoptimisation, a driver keep-alive) does not.
            long allocated = Long.MAX_VALUE;
            int iteration = 0;
            for (int round = 0; round < 5; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int n = 0; n < 300; n++) {
                    int i = iteration++;
                    sub.expectIteration(i);
                    source.putLong(WireFormat.ITERATION_OFFSET, i, java.nio.ByteOrder.LITTLE_ENDIAN);
                    pub.publish(source, 0, source.capacity());
                    long target = seen[0] + 1;
                    while (seen[0] < target) {
                        sub.poll();
                    }
                }
                allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertEquals(1500, seen[0]);
            assertTrue(allocated < 4096, "the quietest of 5 rounds allocated " + allocated + " bytes over 300 batches");
        }
    }
}
