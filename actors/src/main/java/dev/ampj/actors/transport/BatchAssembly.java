package dev.ampj.actors.transport;

import static dev.ampj.sim.wire.WireFormat.HEADER_LENGTH;

import dev.ampj.sim.wire.FrameHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The reassembly state of one publication (one Aeron session) on a {@link TensorSubscriber}: which
 * batch its chunks are building, and which rejected batch's remaining chunks are dropped quietly.
 * The subscriber decides what a chunk header means (its run, kind, iteration, shard) and reports
 * rejections; this class only holds the state and moves it along.
 *
 * <p>Batch level, {@link State}:
 * <pre>
 *   IDLE                    --beginBatch--------------------&gt; ASSEMBLING
 *   ASSEMBLING              --complete | abandon------------&gt; IDLE
 *   IDLE                    --dropRest----------------------&gt; DROPPING
 *   DROPPING                --last dropped | stopDropping---&gt; IDLE
 *   ASSEMBLING              --dropRest----------------------&gt; ASSEMBLING_AND_DROPPING
 *   ASSEMBLING_AND_DROPPING --last dropped | stopDropping---&gt; ASSEMBLING
 *   ASSEMBLING_AND_DROPPING --complete | abandon------------&gt; DROPPING
 * </pre>
 * {@code ASSEMBLING_AND_DROPPING} is reached only when a publication puts a rejected chunk (another
 * run, another kind, an earlier iteration) between two chunks of the batch it is sending; no
 * {@link TensorPublisher} does, but a raw or faulty sender can, and then the batch may still finish.
 *
 * <p>Message level, apart from the batch state: a chunk is one Aeron message, possibly cut into
 * fragments, and only the first fragment carries the chunk header. When a chunk is rejected on its
 * header, or overflows its chunk length, the fragments after it up to the message's last are
 * passed over ({@link #skipRestOfMessage}, {@link #skipsFragment}).
 *
 * <p>Single-threaded (the polling thread); allocates nothing.
 */
final class BatchAssembly {

    /** Batch-level state of one publication. */
    enum State {
        /** No batch in progress: the next chunk must be a chunk 0. */
        IDLE,
        /** A batch of the expected iteration is being written into its destination buffer. */
        ASSEMBLING,
        /** The rest of a rejected batch is counted and dropped without a report per chunk. */
        DROPPING,
        /** Both: a batch is open and a rejected batch sent in between it is being dropped quietly. */
        ASSEMBLING_AND_DROPPING
    }

    private final int sessionId;
    private State state = State.IDLE;
    private boolean skippingRestOfMessage;

    // The batch being assembled (valid while assembling).
    private MutableDirectBuffer destination;
    private long iteration;
    private int shard;
    private int chunkCount;
    private int payloadLength;
    private int nextChunk;
    private int payloadAssembled;
    // The chunk being copied.
    private int writeOffset;
    private int chunkRemaining;

    // The rejected batch whose remaining chunks are dropped quietly (valid while dropping).
    private long dropRunId;
    private long dropIteration;
    private int dropShard;
    private int dropNextChunk;

    BatchAssembly(int sessionId) {
        this.sessionId = sessionId;
    }

    int sessionId() {
        return sessionId;
    }

    State state() {
        return state;
    }

    boolean isAssembling() {
        return state == State.ASSEMBLING || state == State.ASSEMBLING_AND_DROPPING;
    }

    boolean isDropping() {
        return state == State.DROPPING || state == State.ASSEMBLING_AND_DROPPING;
    }

    // ---- batch level ----

    /** Chunk 0 of a batch was accepted: its header is already in {@code destination}. */
    void beginBatch(MutableDirectBuffer destination, long iteration, int shard, int chunkCount, int payloadLength) {
        if (state != State.IDLE) {
            // The subscriber ends a drop and abandons an open batch before it begins another.
            throw new IllegalStateException("batch begun in state " + state + " on session " + sessionId);
        }
        this.destination = destination;
        this.iteration = iteration;
        this.shard = shard;
        this.chunkCount = chunkCount;
        this.payloadLength = payloadLength;
        this.nextChunk = 0;
        this.payloadAssembled = 0;
        state = State.ASSEMBLING;
    }

    /** Whether {@code frame} is exactly the next chunk of the batch being assembled. */
    boolean continuesBatch(FrameHeaderDecoder frame) {
        return isAssembling() && iteration == frame.iteration() && shard == frame.shardIndex() && nextChunk == frame.chunkIndex()
                && chunkCount == frame.chunkCount() && payloadLength == frame.payloadLength() && payloadAssembled == frame.chunkOffset();
    }

    /** The chunk whose header was accepted is copied next: {@code chunkLength} payload bytes from {@code chunkOffset}. */
    void acceptChunk(int chunkOffset, int chunkLength) {
        writeOffset = HEADER_LENGTH + chunkOffset;
        chunkRemaining = chunkLength;
    }

    /**
     * Copies one fragment's chunk bytes into the destination; returns false, copying nothing, if they
     * run past the chunk length the header gave (the caller abandons the batch as malformed).
     */
    boolean append(DirectBuffer src, int offset, int length) {
        if (length > chunkRemaining) {
            return false;
        }
        destination.putBytes(writeOffset, src, offset, length);
        writeOffset += length;
        chunkRemaining -= length;
        return true;
    }

    /**
     * The chunk's last fragment was copied: returns false, changing nothing, if it fell short of its
     * chunk length (the caller abandons the batch as malformed); otherwise moves to the next chunk.
     */
    boolean endChunk() {
        if (chunkRemaining != 0) {
            return false;
        }
        payloadAssembled = writeOffset - HEADER_LENGTH;
        nextChunk++;
        return true;
    }

    boolean hasAllChunks() {
        return nextChunk == chunkCount;
    }

    /** Every chunk arrived: the batch in the destination is handed on, and the publication is free for the next. */
    void complete() {
        if (!isAssembling() || !hasAllChunks()) {
            throw new IllegalStateException("batch completed in state " + state + " after " + nextChunk + " of " + chunkCount + " chunks");
        }
        leaveBatch();
    }

    /** The open batch will not be finished: malformed, out of order, superseded, or its iteration is over. */
    void abandon() {
        if (isAssembling()) {
            leaveBatch();
        }
    }

    private void leaveBatch() {
        state = state == State.ASSEMBLING_AND_DROPPING ? State.DROPPING : State.IDLE;
    }

    /**
     * The chunk in {@code frame} was rejected: its batch's later chunks will be dropped without a
     * report each. Nothing to drop if it was the batch's last chunk.
     */
    void dropRest(FrameHeaderDecoder frame) {
        if (frame.chunkIndex() + 1 >= frame.chunkCount()) {
            return;
        }
        dropRunId = frame.runId();
        dropIteration = frame.iteration();
        dropShard = frame.shardIndex();
        dropNextChunk = frame.chunkIndex() + 1;
        state = isAssembling() ? State.ASSEMBLING_AND_DROPPING : State.DROPPING;
    }

    /**
     * Whether {@code frame} is the next chunk of the batch being dropped: if so it is consumed (the
     * drop ends with the batch's last chunk); if not, the publication has moved on and the drop ends
     * here, leaving {@code frame} to be judged on its own.
     */
    boolean dropsQuietly(FrameHeaderDecoder frame) {
        if (!isDropping()) {
            return false;
        }
        if (frame.runId() == dropRunId && frame.iteration() == dropIteration && frame.shardIndex() == dropShard
                && frame.chunkIndex() == dropNextChunk) {
            dropNextChunk++;
            if (dropNextChunk >= frame.chunkCount()) {
                stopDropping();
            }
            return true;
        }
        stopDropping();
        return false;
    }

    /** Forgets the batch being dropped (a malformed frame, or a new iteration). */
    void stopDropping() {
        if (state == State.DROPPING) {
            state = State.IDLE;
        } else if (state == State.ASSEMBLING_AND_DROPPING) {
            state = State.ASSEMBLING;
        }
    }

    // ---- message level ----

    /** A message's first fragment arrived: nothing of the previous message is skipped any more. */
    void startMessage() {
        skippingRestOfMessage = false;
    }

    /** The current message was rejected: its fragments after this one are passed over (none if this was its last). */
    void skipRestOfMessage(boolean lastFragment) {
        skippingRestOfMessage = !lastFragment;
    }

    /**
     * Whether a fragment after a message's first is passed over: the message was rejected, or no
     * batch is open to take its bytes (e.g. the batch was abandoned by another publication).
     */
    boolean skipsFragment(boolean lastFragment) {
        boolean skip = skippingRestOfMessage || !isAssembling();
        skippingRestOfMessage = skippingRestOfMessage && !lastFragment;
        return skip;
    }

    boolean isSkippingRestOfMessage() {
        return skippingRestOfMessage;
    }

    // ---- the batch being assembled, for the subscriber's checks and reports ----

    MutableDirectBuffer destination() {
        return destination;
    }

    long iteration() {
        return iteration;
    }

    int shard() {
        return shard;
    }

    int chunkCount() {
        return chunkCount;
    }

    int payloadLength() {
        return payloadLength;
    }

    int nextChunk() {
        return nextChunk;
    }

    int payloadAssembled() {
        return payloadAssembled;
    }

    int chunkRemaining() {
        return chunkRemaining;
    }
}
