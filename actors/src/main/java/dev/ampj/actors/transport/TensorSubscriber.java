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
 * (Aeron keeps its messages in order); batches of different shards may interleave freely.
 *
 * <p>Single-threaded: poll, {@link #expectIteration} and the handlers run on one thread (the
 * owner's loop, or an {@code AgentRunner} driving this {@link Agent}). Nothing is allocated per
 * batch once each publication has been seen.
 */
public final class TensorSubscriber implements Agent, AutoCloseable {

    /** {@link #expectIteration} not called yet: every frame is held back. */
    public static final long NO_ITERATION = Long.MIN_VALUE;

    /** Assembly state of one publication (Aeron session). */
    private static final class Assembly {
        final int sessionId;
        boolean active;
        boolean skipping;
        long iteration;
        int shard;
        int chunkCount;
        int payloadLength;
        int nextChunk;
        int payloadAssembled;
        int chunkRemaining;
        int writeOffset;
        MutableDirectBuffer dest;
        /** The rest of a rejected batch is dropped without a report per chunk. */
        boolean dropping;
        long dropRunId;
        long dropIteration;
        int dropShard;
        int dropNextChunk;

        Assembly(int sessionId) {
            this.sessionId = sessionId;
        }
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
    private final Int2ObjectHashMap<Assembly> assemblies = new Int2ObjectHashMap<>();
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
            Assembly a = it.next();
            if (a.active) {
                abandon(a, FrameRejection.INCOMPLETE, "iteration moved on to " + iteration);
            }
            a.dropping = false;
            if (subscription.imageBySessionId(a.sessionId) == null) {
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
        Assembly a = assemblies.get(header.sessionId());
        if (a == null) {
            a = new Assembly(header.sessionId());
            assemblies.put(header.sessionId(), a);
        }
        int body = offset;
        int bodyLength = length;
        if ((flags & FrameDescriptor.BEGIN_FRAG_FLAG) != 0) {
            a.skipping = false;
            Action held = beginChunk(a, buffer, offset, length, flags);
            if (held != null) {
                return held;
            }
            if (a.skipping) {
                a.skipping = (flags & FrameDescriptor.END_FRAG_FLAG) == 0;
                return Action.CONTINUE;
            }
            body += HEADER_LENGTH;
            bodyLength -= HEADER_LENGTH;
        } else if (a.skipping || !a.active) {
            a.skipping = (flags & FrameDescriptor.END_FRAG_FLAG) == 0 && a.skipping;
            return Action.CONTINUE;
        }
        if (bodyLength > a.chunkRemaining) {
            abandon(a, FrameRejection.MALFORMED, "chunk " + a.nextChunk + " carries more bytes than its header's chunk length");
            a.skipping = (flags & FrameDescriptor.END_FRAG_FLAG) == 0;
            return Action.CONTINUE;
        }
        a.dest.putBytes(a.writeOffset, buffer, body, bodyLength);
        a.writeOffset += bodyLength;
        a.chunkRemaining -= bodyLength;
        bytes.getAndAddRelease(length);
        if ((flags & FrameDescriptor.END_FRAG_FLAG) != 0) {
            endChunk(a);
        }
        return Action.CONTINUE;
    }

    /** Checks a chunk's header; returns ABORT to hold a future iteration back, or null to go on (a.skipping set if rejected). */
    private Action beginChunk(Assembly a, DirectBuffer buffer, int offset, int length, byte flags) {
        try {
            frame.wrap(buffer, offset, length);
            if ((flags & FrameDescriptor.END_FRAG_FLAG) != 0) {
                frame.checkFrameLength(length);
            }
        } catch (WireFormatException e) {
            a.dropping = false;
            return skip(a, FrameRejection.MALFORMED, e.getMessage());
        }
        if (a.dropping) {
            if (frame.runId() == a.dropRunId && frame.iteration() == a.dropIteration && frame.shardIndex() == a.dropShard
                    && frame.chunkIndex() == a.dropNextChunk) {
                rejected.incrementRelease();
                a.dropNextChunk++;
                a.dropping = a.dropNextChunk < frame.chunkCount();
                a.skipping = true;
                return null;
            }
            a.dropping = false;
        }
        if (frame.runId() != runId) {
            return skip(a, FrameRejection.FOREIGN_RUN, "run id " + Long.toHexString(frame.runId()) + ", this run is "
                    + Long.toHexString(runId) + " (" + describeFrame() + ")");
        }
        if (frame.streamKindCode() != kind.code()) {
            return skip(a, FrameRejection.WRONG_STREAM_KIND, "a " + frame.streamKind() + " frame on the " + kind + " stream (" + describeFrame() + ")");
        }
        long iteration = frame.iteration();
        if (expectedIteration == NO_ITERATION || iteration > expectedIteration) {
            return Action.ABORT;
        }
        if (iteration < expectedIteration) {
            return skip(a, FrameRejection.STALE_ITERATION, "expected iteration " + expectedIteration + " (" + describeFrame() + ")");
        }
        int shard = frame.shardIndex();
        if (frame.chunkIndex() == 0) {
            if (a.active) {
                abandon(a, FrameRejection.INCOMPLETE, "its publication started another batch");
            }
            if (completedShards.contains(shard)) {
                return skip(a, FrameRejection.DUPLICATE, "already assembled (" + describeFrame() + ")");
            }
            if (activeShards.contains(shard)) {
                supersede(shard, a.sessionId);
            }
            int batchLength = frame.batchLength();
            MutableDirectBuffer dest = buffers.bufferFor(iteration, shard, kind, batchLength);
            if (dest == null || dest.capacity() < batchLength) {
                return skip(a, FrameRejection.BUFFER_TOO_SMALL, "needs " + batchLength + " bytes, buffer has "
                        + (dest == null ? 0 : dest.capacity()) + " (" + describeFrame() + ")");
            }
            batchHeader.wrap(dest, 0).copyFrom(buffer, offset).completeBatch(frame.payloadLength());
            a.active = true;
            a.dest = dest;
            a.iteration = iteration;
            a.shard = shard;
            a.chunkCount = frame.chunkCount();
            a.payloadLength = frame.payloadLength();
            a.nextChunk = 0;
            a.payloadAssembled = 0;
            activeShards.add(shard);
        } else if (!a.active || a.iteration != iteration || a.shard != shard || a.nextChunk != frame.chunkIndex()
                || a.chunkCount != frame.chunkCount() || a.payloadLength != frame.payloadLength()
                || a.payloadAssembled != frame.chunkOffset()) {
            String detail = "expected " + (a.active ? "chunk " + a.nextChunk + " of " + a.chunkCount + " of shard " + a.shard
                    + " at payload offset " + a.payloadAssembled : "a chunk 0") + ", got " + describeFrame();
            if (a.active) {
                detail = "batch of shard " + a.shard + ", iteration " + a.iteration + " abandoned: " + detail;
                release(a);
            }
            return skip(a, FrameRejection.OUT_OF_ORDER, detail);
        }
        a.writeOffset = HEADER_LENGTH + frame.chunkOffset();
        a.chunkRemaining = frame.chunkLength();
        return null;
    }

    private void endChunk(Assembly a) {
        chunks.incrementRelease();
        if (a.chunkRemaining != 0) {
            abandon(a, FrameRejection.MALFORMED, "chunk " + a.nextChunk + " ended " + a.chunkRemaining + " bytes short of its chunk length");
            return;
        }
        a.payloadAssembled = a.writeOffset - HEADER_LENGTH;
        a.nextChunk++;
        if (a.nextChunk < a.chunkCount) {
            return;
        }
        a.active = false;
        activeShards.remove(a.shard);
        try {
            batch.wrap(a.dest, 0, HEADER_LENGTH + a.payloadLength);
        } catch (WireFormatException e) {
            report(FrameRejection.MALFORMED, "assembled batch of shard " + a.shard + ", iteration " + a.iteration + ": " + e.getMessage());
            return;
        }
        completedShards.add(a.shard);
        batches.incrementRelease();
        handler.onBatch(batch);
    }

    /**
     * A new publication (e.g. a restarted shard re-sending its batch) starts a batch that another
     * one left unfinished: the newest wins, since the older sender may be dead and can never
     * finish; if it is alive, its further chunks no longer continue an active batch and are dropped.
     */
    private void supersede(int shard, int newSessionId) {
        for (Assembly other : assemblies.values()) {
            if (other.active && other.shard == shard) {
                abandon(other, FrameRejection.INCOMPLETE, "superseded by a batch from session " + newSessionId);
                return;
            }
        }
    }

    /** Rejects the chunk whose header is in {@code frame}, and drops the rest of its batch quietly. */
    private Action skip(Assembly a, FrameRejection reason, String detail) {
        report(reason, detail);
        a.skipping = true;
        if (reason != FrameRejection.MALFORMED && frame.chunkIndex() + 1 < frame.chunkCount()) {
            a.dropping = true;
            a.dropRunId = frame.runId();
            a.dropIteration = frame.iteration();
            a.dropShard = frame.shardIndex();
            a.dropNextChunk = frame.chunkIndex() + 1;
        }
        return null;
    }

    private void abandon(Assembly a, FrameRejection reason, String detail) {
        report(reason, "batch of shard " + a.shard + ", iteration " + a.iteration + " abandoned after " + a.nextChunk + " of "
                + a.chunkCount + " chunks: " + detail);
        release(a);
    }

    private void release(Assembly a) {
        a.active = false;
        activeShards.remove(a.shard);
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
