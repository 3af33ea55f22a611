package dev.ampj.actors.transport;

import static dev.ampj.actors.transport.TransportFixtures.*;
import static dev.ampj.sim.wire.WireFormat.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.*;

import dev.ampj.actors.transport.IpcTransportTest.Sink;
import dev.ampj.sim.wire.FrameHeaderEncoder;
import dev.ampj.sim.wire.RunIds;
import dev.ampj.sim.wire.StreamKind;
import io.aeron.ExclusivePublication;
import java.nio.file.Path;
import java.util.List;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rejection paths of the subscriber end to end: hand-made chunks offered on a raw publication of a
 * real embedded media driver. A 4 KiB ipc mtu cuts each 8 KiB chunk into several fragments.
 */
@Timeout(120)
class TensorSubscriberTest {

    private static final long RUN = RunIds.of("subscriber-test-run");

    @TempDir
    static Path dir;
    static TransportSettings settings;
    static EmbeddedMediaDriver driver;
    private static int nextStream = 3001;

    @BeforeAll
    static void start() {
        settings = settings(dir.resolve("aeron"), "ipc-mtu = 4096");
        driver = EmbeddedMediaDriver.launch(settings);
    }

    @AfterAll
    static void stop() {
        driver.close();
    }

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1 << 20]);
    private final FrameHeaderEncoder header = new FrameHeaderEncoder().wrap(frame, 0);

    /** Offers chunk {@code index} of 2 of {@code source} (split at half its payload) with {@code extra} bytes more or less than its header says. */
    private void offerHalf(ExclusivePublication pub, UnsafeBuffer source, int index, int extra) {
        int payload = source.capacity() - HEADER_LENGTH;
        int half = payload / 2;
        int offset = index == 0 ? 0 : half;
        int length = index == 0 ? half : payload - half;
        header.copyFrom(source, 0).chunk(index, 2, offset, length, payload);
        frame.putBytes(HEADER_LENGTH, source, HEADER_LENGTH + offset, length);
        offer(pub, HEADER_LENGTH + length + extra);
    }

    private void offer(ExclusivePublication pub, int length) {
        IdleStrategy idle = settings.idle().newStrategy();
        while (pub.offer(frame, 0, length) < 0) {
            idle.idle();
        }
    }

    private static ExclusivePublication connected(int stream) {
        ExclusivePublication pub = driver.aeron().addExclusivePublication(settings.publicationChannel(), stream);
        IdleStrategy idle = settings.idle().newStrategy();
        while (!pub.isConnected()) {
            idle.idle();
        }
        return pub;
    }

    private static byte[] bytes(UnsafeBuffer b) {
        byte[] out = new byte[b.capacity()];
        b.getBytes(0, out);
        return out;
    }

    @Test
    void aForeignBatchSentInsideAnOpenBatchIsReportedOnceAndTheOpenBatchStillCompletes() {
        int stream = nextStream++;
        Sink sink = new Sink();
        UnsafeBuffer good = batch(RUN, 1, 0, StreamKind.TRAJECTORY, 1, 64, 64); // 16 KiB payload
        UnsafeBuffer foreign = batch(RunIds.of("another-run"), 1, 0, StreamKind.TRAJECTORY, 1, 64, 64);
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), sink, sink);
             ExclusivePublication pub = connected(stream)) {
            sub.expectIteration(1);
            offerHalf(pub, good, 0, 0);
            offerHalf(pub, foreign, 0, 0);
            offerHalf(pub, foreign, 1, 0);
            offerHalf(pub, good, 1, 0);
            pollUntil(sub, () -> sink.batches.size() == 1);
            assertEquals(List.of(FrameRejection.FOREIGN_RUN), sink.reasons, "the foreign batch's second chunk is dropped quietly");
            assertTrue(sink.details.get(0).contains("run id") && sink.details.get(0).contains("stream " + stream), sink.details.get(0));
            assertEquals(2, sub.framesRejected(), "both foreign chunks are counted");
            assertEquals(2, sub.chunksReceived(), "only the good batch's chunks are taken");
            assertArrayEquals(bytes(good), sink.batches.get(0), "no foreign byte leaked into the open batch");
        }
    }

    @Test
    void chunksLongerOrShorterThanTheirHeaderAbandonTheBatchAsMalformed() {
        int stream = nextStream++;
        Sink sink = new Sink();
        UnsafeBuffer source = batch(RUN, 2, 3, StreamKind.TRAJECTORY, 1, 64, 64);
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), sink, sink);
             ExclusivePublication pub = connected(stream)) {
            sub.expectIteration(2);
            offerHalf(pub, source, 0, 1000); // 1000 bytes past its chunk length, in a later fragment
            offerHalf(pub, source, 1, 0); // continues nothing now
            offerHalf(pub, source, 0, -1000); // ends 1000 bytes short
            offerHalf(pub, source, 0, 0);
            offerHalf(pub, source, 1, 0);
            pollUntil(sub, () -> sink.batches.size() == 1);
            assertEquals(List.of(FrameRejection.MALFORMED, FrameRejection.OUT_OF_ORDER, FrameRejection.MALFORMED), sink.reasons);
            assertTrue(sink.details.get(0).contains("shard 3, iteration 2 abandoned after 0 of 2 chunks")
                    && sink.details.get(0).contains("carries more bytes than its header's chunk length"), sink.details.get(0));
            assertTrue(sink.details.get(1).contains("expected a chunk 0"), sink.details.get(1));
            assertTrue(sink.details.get(2).contains("chunk 0 ended 1000 bytes short"), sink.details.get(2));
            assertArrayEquals(bytes(source), sink.batches.get(0));
            assertEquals(3, sub.framesRejected());
        }
    }

    @Test
    void aLaterIterationInsideAnOpenBatchWaitsAndTheBatchIsAbandonedWhenTheIterationMovesOn() {
        int stream = nextStream++;
        Sink sink = new Sink();
        UnsafeBuffer current = batch(RUN, 4, 0, StreamKind.TRAJECTORY, 1, 64, 64);
        UnsafeBuffer next = batch(RUN, 5, 0, StreamKind.TRAJECTORY, 1, 64, 64);
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), sink, sink);
             ExclusivePublication pub = connected(stream)) {
            sub.expectIteration(4);
            offerHalf(pub, current, 0, 0);
            offerHalf(pub, next, 0, 0);
            offerHalf(pub, next, 1, 0);
            pollUntil(sub, () -> sub.chunksReceived() == 1);
            pollFor(sub, 200);
            assertTrue(sink.reasons.isEmpty(), sink.details.toString());
            assertEquals(1, sub.chunksReceived(), "iteration 5 waits in the log");

            sub.expectIteration(5);
            assertEquals(List.of(FrameRejection.INCOMPLETE), sink.reasons);
            assertTrue(sink.details.get(0).contains("abandoned after 1 of 2 chunks: iteration moved on to 5"), sink.details.get(0));
            pollUntil(sub, () -> sink.batches.size() == 1);
            assertArrayEquals(bytes(next), sink.batches.get(0));
            assertEquals(1, sink.reasons.size());
        }
    }
}
