package dev.ampj.actors.transport;

import static dev.ampj.sim.wire.WireFormat.HEADER_LENGTH;

import dev.ampj.sim.wire.FrameHeaderDecoder;
import dev.ampj.sim.wire.FrameHeaderEncoder;
import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchDecoder;
import dev.ampj.sim.wire.WireFormatException;
import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.Agent;

/**
 * Subscribes to one stream of tensor batches of one run and kind, and reassembles each batch,
 * chunk by chunk and Aeron fragment by fragment, straight from the log buffer into the
 * destination buffer given by a {@link BatchBufferProvider} (one copy; no FragmentAssembler).
 *
 * <p>The owner says which iteration it is assembling ({@link #expectIteration}). Frames of a later
 * iteration are left in the log (not consumed) until then; frames of another run, another kind or
 * an earlier iteration, duplicates and chunks out of order are dropped, counted and reported to the
 * {@link RejectionHandler} with the reason. A complete batch is validated by the wire decoder and
 * handed to the {@link TensorBatchHandler}. Chunks of one batch always come from one publication
 * (Aeron keeps its messages in order); batches of different shards may interleave freely. What
 * each publication is in the middle of is its {@link BatchAssembly}; this class judges the chunk
 * headers against the run, kind and expected iteration, and counts and reports.
 *
 * <p>Single-threaded: poll, {@link #expectIteration} and the handlers run on one thread (the
 * owner's loop, or an {@code AgentRunner} driving this {@link Agent}). Nothing is allocated per
 * batch once each publication has been seen.
 */
public final class TensorSubscriber implements Agent, AutoCloseable {

    /** {@link #expectIteration} not called yet: every frame is held back. */
    public static final long NO_ITERATION = Long.MIN_VALUE;

    /** What a chunk header leads to. */
    private enum Verdict {
        /** Its bytes are copied into the batch it begins or continues. */
        ACCEPT,
        /** The chunk is dropped (reported, or quietly as the rest of a rejected batch). */
        REJECT,
        /** A later iteration: left in the log until {@link #expectIteration} reaches it. */
        HOLD
    }

    private final Subscription subscription;
    private final String channel;
    private final int streamId;
    private final long runId;
    private final StreamKind kind;
    private final int fragmentLimit;
    private final BatchBufferProvider buffers;
    private final TensorBatchHandler handler;
    private final RejectionHandler rejections;
    private final ControlledFragmentHandler fragmentHandler = this::onFragment;
    private final FrameHeaderDecoder frame = new FrameHeaderDecoder();
    private final FrameHeaderEncoder batchHeader = new FrameHeaderEncoder();
    private final TensorBatchDecoder batch = new TensorBatchDecoder();
    private final Int2ObjectHashMap<BatchAssembly> assemblies = new Int2ObjectHashMap<>();
    /** Shards of the expected iteration completed / being assembled. */
    private final IntHashSet completedShards = new IntHashSet();
    private final IntHashSet activeShards = new IntHashSet();
    private final Counter bytes;
    private final Counter chunks;
    private final Counter batches;
    private final Counter rejected;
    private final String roleName;
    private long expectedIteration = NO_ITERATION;

    public TensorSubscriber(Aeron aeron, TransportSettings settings, int streamId, long runId, StreamKind kind,
            BatchBufferProvider buffers, TensorBatchHandler handler, RejectionHandler rejections) {
        this.channel = settings.subscriptionChannel();
        this.streamId = streamId;
        this.runId = runId;
        this.kind = kind;
        this.fragmentLimit = settings.fragmentLimit();
        this.buffers = buffers;
        this.handler = handler;
        this.rejections = rejections;
        this.roleName = "tensor-subscriber " + kind + " " + channel + " stream=" + streamId;
        this.subscription = aeron.addSubscription(channel, streamId);
        this.bytes = aeron.addCounter(TransportCounters.RX_BYTES, TransportCounters.label("rx bytes", channel, streamId));
        this.chunks = aeron.addCounter(TransportCounters.RX_CHUNKS, TransportCounters.label("rx chunks", channel, streamId));
        this.batches = aeron.addCounter(TransportCounters.RX_BATCHES, TransportCounters.label("rx batches", channel, streamId));
        this.rejected = aeron.addCounter(TransportCounters.RX_REJECTED, TransportCounters.label("rx rejected", channel, streamId));
    }

    /**
     * Starts assembling {@code iteration}: batches of earlier iterations are rejected from now on,
     * later ones wait in the log, and any unfinished batch is abandoned.
     */
    public void expectIteration(long iteration) {
        for (var it = assemblies.values().iterator(); it.hasNext(); ) {
            BatchAssembly a = it.next();
            if (a.isAssembling()) {
                abandon(a, FrameRejection.INCOMPLETE, "iteration moved on to " + iteration);
            }
            a.stopDropping();
            if (subscription.imageBySessionId(a.sessionId()) == null) {
                it.remove();
            }
        }
        completedShards.clear();
        activeShards.clear();
        expectedIteration = iteration;
    }

    public long expectedIteration() {
        return expectedIteration;
    }

    /** Batches of the expected iteration completed so far. */
    public int completedBatches() {
        return completedShards.size();
    }

    public boolean isCompleted(int shardIndex) {
        return completedShards.contains(shardIndex);
    }

    /** Reads up to {@code fragment-limit} fragments; returns how many were consumed (0: idle). */
    public int poll() {
        return subscription.controlledPoll(fragmentHandler, fragmentLimit);
    }

    public boolean isConnected() {
        return subscription.isConnected();
    }

    /** Duty cycle for an {@code AgentRunner}: one poll. */
    @Override
    public int doWork() {
        return poll();
    }

    @Override
    public String roleName() {
        return roleName;
    }

    @Override
    public void onClose() {
        close();
    }

    private Action onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        byte flags = header.flags();
        boolean lastFragment = (flags & FrameDescriptor.END_FRAG_FLAG) != 0;
        BatchAssembly a = assemblies.get(header.sessionId());
        if (a == null) {
            a = new BatchAssembly(header.sessionId());
            assemblies.put(header.sessionId(), a);
        }
        int body = offset;
        int bodyLength = length;
        if ((flags & FrameDescriptor.BEGIN_FRAG_FLAG) != 0) {
            a.startMessage();
            Verdict verdict = onChunkHeader(a, buffer, offset, length, lastFragment);
            if (verdict == Verdict.HOLD) {
                return Action.ABORT;
            }
            if (verdict == Verdict.REJECT) {
                a.skipRestOfMessage(lastFragment);
                return Action.CONTINUE;
            }
            body += HEADER_LENGTH;
            bodyLength -= HEADER_LENGTH;
        } else if (a.skipsFragment(lastFragment)) {
            return Action.CONTINUE;
        }
        if (!a.append(buffer, body, bodyLength)) {
            abandon(a, FrameRejection.MALFORMED, "chunk " + a.nextChunk() + " carries more bytes than its header's chunk length");
            a.skipRestOfMessage(lastFragment);
            return Action.CONTINUE;
        }
        bytes.getAndAddRelease(length);
        if (lastFragment) {
            onChunkEnd(a);
        }
        return Action.CONTINUE;
    }

    /** Judges a chunk by its header (the first fragment of its message), moving {@code a} along. */
    private Verdict onChunkHeader(BatchAssembly a, DirectBuffer buffer, int offset, int length, boolean wholeMessage) {
        try {
            frame.wrap(buffer, offset, length);
            if (wholeMessage) {
                frame.checkFrameLength(length);
            }
        } catch (WireFormatException e) {
            // Nothing in a malformed header can be trusted to continue a drop.
            a.stopDropping();
            return reject(a, FrameRejection.MALFORMED, e.getMessage());
        }
        if (a.dropsQuietly(frame)) {
            rejected.incrementRelease();
            return Verdict.REJECT;
        }
        if (frame.runId() != runId) {
            return reject(a, FrameRejection.FOREIGN_RUN, "run id " + Long.toHexString(frame.runId()) + ", this run is "
                    + Long.toHexString(runId) + " (" + describeFrame() + ")");
        }
        if (frame.streamKindCode() != kind.code()) {
            return reject(a, FrameRejection.WRONG_STREAM_KIND, "a " + frame.streamKind() + " frame on the " + kind + " stream (" + describeFrame() + ")");
        }
        long iteration = frame.iteration();
        if (expectedIteration == NO_ITERATION || iteration > expectedIteration) {
            return Verdict.HOLD;
        }
        if (iteration < expectedIteration) {
            return reject(a, FrameRejection.STALE_ITERATION, "expected iteration " + expectedIteration + " (" + describeFrame() + ")");
        }
        if (frame.chunkIndex() == 0) {
            return onFirstChunk(a, buffer, offset, iteration, frame.shardIndex());
        }
        if (!a.continuesBatch(frame)) {
            String detail = "expected " + (a.isAssembling() ? "chunk " + a.nextChunk() + " of " + a.chunkCount() + " of shard " + a.shard()
                    + " at payload offset " + a.payloadAssembled() : "a chunk 0") + ", got " + describeFrame();
            if (a.isAssembling()) {
                detail = "batch of shard " + a.shard() + ", iteration " + a.iteration() + " abandoned: " + detail;
                release(a);
            }
            return reject(a, FrameRejection.OUT_OF_ORDER, detail);
        }
        a.acceptChunk(frame.chunkOffset(), frame.chunkLength());
        return Verdict.ACCEPT;
    }

    /** Chunk 0 of a batch of the expected iteration: begins the batch unless it is already assembled or has no room. */
    private Verdict onFirstChunk(BatchAssembly a, DirectBuffer buffer, int offset, long iteration, int shard) {
        if (a.isAssembling()) {
            abandon(a, FrameRejection.INCOMPLETE, "its publication started another batch");
        }
        if (completedShards.contains(shard)) {
            return reject(a, FrameRejection.DUPLICATE, "already assembled (" + describeFrame() + ")");
        }
        if (activeShards.contains(shard)) {
            supersede(shard, a.sessionId());
        }
        int batchLength = frame.batchLength();
        MutableDirectBuffer dest = buffers.bufferFor(iteration, shard, kind, batchLength);
        if (dest == null || dest.capacity() < batchLength) {
            return reject(a, FrameRejection.BUFFER_TOO_SMALL, "needs " + batchLength + " bytes, buffer has "
                    + (dest == null ? 0 : dest.capacity()) + " (" + describeFrame() + ")");
        }
        batchHeader.wrap(dest, 0).copyFrom(buffer, offset).completeBatch(frame.payloadLength());
        a.beginBatch(dest, iteration, shard, frame.chunkCount(), frame.payloadLength());
        activeShards.add(shard);
        a.acceptChunk(frame.chunkOffset(), frame.chunkLength());
        return Verdict.ACCEPT;
    }

    private void onChunkEnd(BatchAssembly a) {
        chunks.incrementRelease();
        if (!a.endChunk()) {
            abandon(a, FrameRejection.MALFORMED, "chunk " + a.nextChunk() + " ended " + a.chunkRemaining() + " bytes short of its chunk length");
            return;
        }
        if (!a.hasAllChunks()) {
            return;
        }
        a.complete();
        activeShards.remove(a.shard());
        try {
            batch.wrap(a.destination(), 0, HEADER_LENGTH + a.payloadLength());
        } catch (WireFormatException e) {
            report(FrameRejection.MALFORMED, "assembled batch of shard " + a.shard() + ", iteration " + a.iteration() + ": " + e.getMessage());
            return;
        }
        completedShards.add(a.shard());
        batches.incrementRelease();
        handler.onBatch(batch);
    }

    /**
     * A new publication (e.g. a restarted shard re-sending its batch) starts a batch that another
     * one left unfinished: the newest wins, since the older sender may be dead and can never
     * finish; if it is alive, its further chunks no longer continue an active batch and are dropped.
     */
    private void supersede(int shard, int newSessionId) {
        for (BatchAssembly other : assemblies.values()) {
            if (other.isAssembling() && other.shard() == shard) {
                abandon(other, FrameRejection.INCOMPLETE, "superseded by a batch from session " + newSessionId);
                return;
            }
        }
    }

    /**
     * Rejects the chunk whose header is in {@code frame}, and drops the rest of its batch quietly
     * (not after a malformed header: its batch identity cannot be trusted).
     */
    private Verdict reject(BatchAssembly a, FrameRejection reason, String detail) {
        report(reason, detail);
        if (reason != FrameRejection.MALFORMED) {
            a.dropRest(frame);
        }
        return Verdict.REJECT;
    }

    private void abandon(BatchAssembly a, FrameRejection reason, String detail) {
        report(reason, "batch of shard " + a.shard() + ", iteration " + a.iteration() + " abandoned after " + a.nextChunk() + " of "
                + a.chunkCount() + " chunks: " + detail);
        release(a);
    }

    private void release(BatchAssembly a) {
        a.abandon();
        activeShards.remove(a.shard());
    }

    private void report(FrameRejection reason, String detail) {
        rejected.incrementRelease();
        rejections.onRejected(reason, detail + " [" + channel + " stream " + streamId + "]");
    }

    private String describeFrame() {
        return "iteration " + frame.iteration() + ", shard " + frame.shardIndex() + ", chunk " + frame.chunkIndex() + " of " + frame.chunkCount();
    }

    public long bytesReceived() {
        return bytes.get();
    }

    public long chunksReceived() {
        return chunks.get();
    }

    public long batchesAssembled() {
        return batches.get();
    }

    public long framesRejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        CloseHelper.closeAll(subscription, bytes, chunks, batches, rejected);
    }
}
