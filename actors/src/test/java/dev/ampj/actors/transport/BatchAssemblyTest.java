package dev.ampj.actors.transport;

import static dev.ampj.actors.transport.BatchAssembly.State.*;
import static dev.ampj.sim.wire.WireFormat.HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.*;

import dev.ampj.sim.wire.FrameHeaderDecoder;
import dev.ampj.sim.wire.FrameHeaderEncoder;
import dev.ampj.sim.wire.StreamKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The per-publication state machine driven directly, transition by transition, with hand-made chunk headers. */
class BatchAssemblyTest {

    private static final long RUN = 0x1234L;
    private static final long FOREIGN = 0x9999L;

    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(new byte[HEADER_LENGTH]);
    private final FrameHeaderEncoder encoder = new FrameHeaderEncoder().wrap(headerBuffer, 0);
    private final FrameHeaderDecoder frame = new FrameHeaderDecoder();
    private final BatchAssembly a = new BatchAssembly(7);

    /** Chunk {@code index} of {@code count} of a batch of {@code payload} bytes cut into equal chunks of {@code chunk} bytes. */
    private FrameHeaderDecoder chunk(long run, long iteration, int shard, int index, int count, int chunk, int payload) {
        encoder.batch(run, iteration, shard, StreamKind.TRAJECTORY, 1)
                .chunk(index, count, index * chunk, Math.min(chunk, payload - index * chunk), payload);
        return frame.wrap(headerBuffer, 0, HEADER_LENGTH);
    }

    /** Begins a 3-chunk batch of 30 payload bytes of shard 2, iteration 5, as the subscriber does on its chunk 0. */
    private UnsafeBuffer begin() {
        UnsafeBuffer dest = new UnsafeBuffer(new byte[HEADER_LENGTH + 30]);
        a.beginBatch(dest, 5, 2, 3, 30);
        a.acceptChunk(0, 10);
        return dest;
    }

    private static UnsafeBuffer bytes(int from, int length) {
        UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        for (int i = 0; i < length; i++) {
            b.putByte(i, (byte) (from + i));
        }
        return b;
    }

    @Test
    void aBatchIsAssembledChunkByChunkAndLeavesThePublicationIdle() {
        assertEquals(IDLE, a.state());
        UnsafeBuffer dest = begin();
        assertEquals(ASSEMBLING, a.state());
        for (int c = 0; c < 3; c++) {
            if (c > 0) {
                assertTrue(a.continuesBatch(chunk(RUN, 5, 2, c, 3, 10, 30)), "chunk " + c);
                a.acceptChunk(c * 10, 10);
            }
            // two fragments per chunk
            assertTrue(a.append(bytes(c * 10, 4), 0, 4));
            assertTrue(a.append(bytes(c * 10 + 4, 6), 0, 6));
            assertTrue(a.endChunk());
            assertEquals(c + 1, a.nextChunk());
            assertEquals(10 * (c + 1), a.payloadAssembled());
            assertEquals(c == 2, a.hasAllChunks());
        }
        a.complete();
        assertEquals(IDLE, a.state());
        for (int i = 0; i < 30; i++) {
            assertEquals((byte) i, dest.getByte(HEADER_LENGTH + i), "payload byte " + i);
        }
    }

    @Test
    void outOfOrderChunksDoNotContinueTheBatch() {
        assertFalse(a.continuesBatch(chunk(RUN, 5, 2, 1, 3, 10, 30)), "nothing open: only a chunk 0 can begin");
        begin();
        a.append(bytes(0, 10), 0, 10);
        a.endChunk();
        assertTrue(a.continuesBatch(chunk(RUN, 5, 2, 1, 3, 10, 30)));
        assertFalse(a.continuesBatch(chunk(RUN, 5, 2, 2, 3, 10, 30)), "skips chunk 1");
        assertFalse(a.continuesBatch(chunk(RUN, 5, 3, 1, 3, 10, 30)), "another shard");
        assertFalse(a.continuesBatch(chunk(RUN, 4, 2, 1, 3, 10, 30)), "another iteration");
        assertFalse(a.continuesBatch(chunk(RUN, 5, 2, 1, 4, 10, 40)), "another chunk count and payload");
        assertFalse(a.continuesBatch(chunk(RUN, 5, 2, 1, 3, 9, 30)), "another payload offset");
        // the subscriber abandons the batch and drops the stray batch's rest
        FrameHeaderDecoder stray = chunk(RUN, 5, 2, 2, 4, 10, 40);
        a.abandon();
        a.dropRest(stray);
        assertEquals(DROPPING, a.state());
        assertTrue(a.dropsQuietly(chunk(RUN, 5, 2, 3, 4, 10, 40)), "the stray batch's last chunk");
        assertEquals(IDLE, a.state(), "nothing left to drop");
    }

    @Test
    void theRestOfARejectedBatchIsDroppedUntilItsLastChunk() {
        a.dropRest(chunk(RUN, 5, 2, 0, 3, 10, 30)); // e.g. a duplicate: already assembled
        assertEquals(DROPPING, a.state());
        assertTrue(a.dropsQuietly(chunk(RUN, 5, 2, 1, 3, 10, 30)));
        assertEquals(DROPPING, a.state());
        assertFalse(a.dropsQuietly(chunk(RUN, 5, 2, 1, 3, 10, 30)), "chunk 1 again is not the next one");
        assertEquals(IDLE, a.state(), "a chunk that does not follow ends the drop and is judged on its own");

        a.dropRest(chunk(RUN, 5, 2, 0, 3, 10, 30));
        assertTrue(a.dropsQuietly(chunk(RUN, 5, 2, 1, 3, 10, 30)));
        assertTrue(a.dropsQuietly(chunk(RUN, 5, 2, 2, 3, 10, 30)));
        assertEquals(IDLE, a.state());
        assertFalse(a.dropsQuietly(chunk(RUN, 5, 2, 3, 4, 10, 40)), "an idle publication drops nothing");
    }

    @Test
    void aRejectedLastChunkLeavesNothingToDrop() {
        a.dropRest(chunk(RUN, 5, 2, 2, 3, 10, 30));
        assertEquals(IDLE, a.state());
        a.dropRest(chunk(RUN, 5, 2, 0, 1, 10, 10));
        assertEquals(IDLE, a.state());
    }

    @Test
    void aRejectedBatchSentInTheMiddleOfAnotherIsDroppedWhileTheOtherStaysOpen() {
        UnsafeBuffer dest = begin();
        a.append(bytes(0, 10), 0, 10);
        a.endChunk();
        a.dropRest(chunk(FOREIGN, 5, 2, 0, 2, 10, 20)); // a foreign run's chunk 0 of 2
        assertEquals(ASSEMBLING_AND_DROPPING, a.state());
        assertTrue(a.isAssembling() && a.isDropping());
        assertTrue(a.dropsQuietly(chunk(FOREIGN, 5, 2, 1, 2, 10, 20)));
        assertEquals(ASSEMBLING, a.state());
        assertTrue(a.continuesBatch(chunk(RUN, 5, 2, 1, 3, 10, 30)), "the open batch goes on");

        a.dropRest(chunk(FOREIGN, 5, 2, 0, 2, 10, 20));
        assertFalse(a.dropsQuietly(chunk(RUN, 5, 2, 1, 3, 10, 30)));
        assertEquals(ASSEMBLING, a.state(), "the open batch's next chunk ends the drop");
        assertTrue(a.continuesBatch(chunk(RUN, 5, 2, 1, 3, 10, 30)));

        a.dropRest(chunk(FOREIGN, 5, 2, 0, 2, 10, 20));
        a.abandon();
        assertEquals(DROPPING, a.state(), "abandoning the open batch keeps the drop");
        a.stopDropping();
        assertEquals(IDLE, a.state());
        assertEquals((byte) 9, dest.getByte(HEADER_LENGTH + 9));
    }

    @Test
    void completingWhileDroppingKeepsTheDrop() {
        UnsafeBuffer dest = new UnsafeBuffer(new byte[HEADER_LENGTH + 10]);
        a.beginBatch(dest, 5, 2, 2, 10);
        a.acceptChunk(0, 5);
        a.append(bytes(0, 5), 0, 5);
        a.endChunk();
        a.dropRest(chunk(FOREIGN, 5, 2, 0, 3, 10, 30));
        a.acceptChunk(5, 5);
        a.append(bytes(5, 5), 0, 5);
        a.endChunk();
        a.complete();
        assertEquals(DROPPING, a.state());
        assertTrue(a.dropsQuietly(chunk(FOREIGN, 5, 2, 1, 3, 10, 30)));
    }

    @Test
    void aBatchSupersededByAnotherSessionIsAbandonedAndAnotherCanBegin() {
        begin();
        a.append(bytes(0, 10), 0, 10);
        a.endChunk();
        a.abandon(); // the subscriber saw chunk 0 of the same shard from a newer session
        assertEquals(IDLE, a.state());
        assertFalse(a.continuesBatch(chunk(RUN, 5, 2, 1, 3, 10, 30)), "the old sender's late chunk continues nothing");
        assertTrue(a.skipsFragment(false), "nor do its later fragments");
        begin();
        assertEquals(ASSEMBLING, a.state());
        assertEquals(0, a.nextChunk());
    }

    @Test
    void aBatchBegunOnAPublicationThatIsNotIdleIsAnError() {
        begin();
        assertThrows(IllegalStateException.class, this::begin);
        a.abandon();
        a.dropRest(chunk(RUN, 5, 2, 0, 3, 10, 30));
        assertThrows(IllegalStateException.class, this::begin, "the subscriber ends a drop before it begins a batch");
    }

    @Test
    void completingBeforeTheLastChunkIsAnError() {
        begin();
        a.append(bytes(0, 10), 0, 10);
        a.endChunk();
        IllegalStateException e = assertThrows(IllegalStateException.class, a::complete);
        assertTrue(e.getMessage().contains("1 of 3"), e.getMessage());
        assertEquals(ASSEMBLING, a.state());
    }

    @Test
    void malformedChunksAreRefusedWithoutTouchingTheDestination() {
        UnsafeBuffer dest = begin();
        assertTrue(a.append(bytes(0, 6), 0, 6));
        assertFalse(a.append(bytes(100, 5), 0, 5), "5 bytes more than the 4 left of the chunk");
        assertEquals(4, a.chunkRemaining());
        assertEquals(0, dest.getByte(HEADER_LENGTH + 6), "nothing of the overflowing fragment was copied");
        assertFalse(a.endChunk(), "the chunk ends 4 bytes short");
        assertEquals(0, a.nextChunk(), "a short chunk does not count");
        assertEquals(0, a.payloadAssembled());
        assertEquals(ASSEMBLING, a.state(), "the subscriber abandons it");
    }

    @Test
    void theFragmentsOfARejectedMessageAreSkippedUpToItsLast() {
        begin();
        assertFalse(a.skipsFragment(false), "an accepted chunk's fragments are taken");
        a.startMessage();
        a.skipRestOfMessage(false); // a rejected header in the middle of the open batch
        assertEquals(ASSEMBLING, a.state());
        assertTrue(a.skipsFragment(false));
        assertTrue(a.isSkippingRestOfMessage());
        assertTrue(a.skipsFragment(true), "the message's last fragment is skipped too");
        assertFalse(a.isSkippingRestOfMessage());
        assertFalse(a.skipsFragment(false), "the next message's fragments continue the open batch");

        a.startMessage();
        a.skipRestOfMessage(true); // a rejected one-fragment message
        assertFalse(a.isSkippingRestOfMessage());

        a.skipRestOfMessage(false);
        a.startMessage();
        assertFalse(a.isSkippingRestOfMessage(), "a new message starts clean");
        a.abandon();
        assertTrue(a.skipsFragment(true), "no open batch: nothing takes a fragment");
    }
}
