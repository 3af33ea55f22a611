package dev.ampj.actors.transport;

import static dev.ampj.sim.wire.WireFormat.HEADER_LENGTH;

import dev.ampj.sim.wire.FrameHeaderEncoder;
import dev.ampj.sim.wire.TensorBatchDecoder;
import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Publishes encoded tensor batches on one stream (single writer: an {@link ExclusivePublication}).
 * A batch larger than one message is cut into chunks of at most
 * {@link TransportSettings#maxChunkPayload()} bytes; each chunk is one Aeron message made of a
 * 64-byte chunk header (written into a reused scratch buffer) and a slice of the caller's batch,
 * offered as two buffers so the batch is never copied before Aeron copies it into the log.
 *
 * <p>Back-pressure and "not connected" are retried with the configured back-off idle strategy; if
 * no progress is made for {@code publication-timeout} a {@link TransportTimeoutException} says
 * which stream and which batch. Nothing is allocated per batch. Not thread-safe: one owner thread.
 */
public final class TensorPublisher implements AutoCloseable {

    private final ExclusivePublication publication;
    private final String channel;
    private final int streamId;
    private final int maxChunkPayload;
    private final long timeoutNs;
    private final IdleStrategy idle;
    private final TensorBatchDecoder check = new TensorBatchDecoder();
    private final UnsafeBuffer chunkHeader = new UnsafeBuffer(new byte[HEADER_LENGTH]);
    private final FrameHeaderEncoder chunkHeaderEncoder = new FrameHeaderEncoder().wrap(chunkHeader, 0);
    private final Counter bytes;
    private final Counter chunks;
    private final Counter batches;
    private final Counter backPressure;

    public TensorPublisher(Aeron aeron, TransportSettings settings, int streamId) {
        this.channel = settings.publicationChannel();
        this.streamId = streamId;
        this.maxChunkPayload = settings.maxChunkPayload();
        this.timeoutNs = settings.publicationTimeout().toNanos();
        this.idle = settings.idle().newStrategy();
        this.publication = aeron.addExclusivePublication(channel, streamId);
        if (publication.maxMessageLength() < settings.maxMessageSize()) {
            CloseHelper.quietClose(publication);
            throw new IllegalArgumentException(TransportSettings.PATH + ".max-message-size = " + settings.maxMessageSize()
                    + " exceeds the publication's max message length " + publication.maxMessageLength() + " on " + channel);
        }
        this.bytes = aeron.addCounter(TransportCounters.TX_BYTES, TransportCounters.label("tx bytes", channel, streamId));
        this.chunks = aeron.addCounter(TransportCounters.TX_CHUNKS, TransportCounters.label("tx chunks", channel, streamId));
        this.batches = aeron.addCounter(TransportCounters.TX_BATCHES, TransportCounters.label("tx batches", channel, streamId));
        this.backPressure = aeron.addCounter(TransportCounters.TX_BACK_PRESSURE, TransportCounters.label("tx back-pressure", channel, streamId));
    }

    public boolean isConnected() {
        return publication.isConnected();
    }

    /** Waits until a subscriber is connected, or fails after {@code publication-timeout}. */
    public void awaitConnected() {
        long deadline = System.nanoTime() + timeoutNs;
        idle.reset();
        while (!publication.isConnected()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TransportTimeoutException("no subscriber connected to " + channel + " stream " + streamId
                        + " within " + timeoutNs / 1_000_000 + " ms");
            }
            idle.idle();
        }
    }

    /**
     * Publishes the complete batch of {@code length} bytes at {@code offset} (as written by
     * {@code TensorBatchEncoder}); returns the number of chunks it took. The batch is validated
     * first, so a malformed batch never reaches a subscriber.
     */
    public int publish(DirectBuffer batch, int offset, int length) {
        check.wrap(batch, offset, length);
        int payloadLength = length - HEADER_LENGTH;
        int chunkCount = Math.max(1, (payloadLength + maxChunkPayload - 1) / maxChunkPayload);
        chunkHeaderEncoder.copyFrom(batch, offset);
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            int chunkOffset = chunk * maxChunkPayload;
            int chunkLength = Math.min(maxChunkPayload, payloadLength - chunkOffset);
            chunkHeaderEncoder.chunk(chunk, chunkCount, chunkOffset, chunkLength, payloadLength);
            offer(batch, offset + HEADER_LENGTH + chunkOffset, chunkLength, chunk, chunkCount);
            bytes.getAndAddRelease(HEADER_LENGTH + chunkLength);
            chunks.incrementRelease();
        }
        batches.incrementRelease();
        return chunkCount;
    }

    private void offer(DirectBuffer batch, int at, int chunkLength, int chunk, int chunkCount) {
        long deadline = 0;
        idle.reset();
        while (true) {
            long result = publication.offer(chunkHeader, 0, HEADER_LENGTH, batch, at, chunkLength, null);
            if (result > 0) {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                throw new IllegalStateException("publication " + channel + " stream " + streamId + " cannot take more data ("
                        + (result == Publication.CLOSED ? "closed" : "max position exceeded") + ") at chunk " + chunk + " of " + chunkCount);
            }
            if (result == Publication.BACK_PRESSURED) {
                backPressure.incrementRelease();
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + timeoutNs;
            } else if (now - deadline > 0) {
                throw timeout(result, chunk, chunkCount);
            }
            idle.idle();
        }
    }

    private TransportTimeoutException timeout(long result, int chunk, int chunkCount) {
        String batch = "batch (run " + Long.toHexString(check.runId()) + ", iteration " + check.iteration() + ", shard "
                + check.shardIndex() + ", " + check.streamKind() + ") chunk " + chunk + " of " + chunkCount;
        String why = result == Publication.NOT_CONNECTED ? "no subscriber connected" : "back-pressured (the subscriber is not consuming)";
        return new TransportTimeoutException(why + " on " + channel + " stream " + streamId + " for "
                + timeoutNs / 1_000_000 + " ms while publishing " + batch);
    }

    public String channel() {
        return channel;
    }

    public int streamId() {
        return streamId;
    }

    public long bytesPublished() {
        return bytes.get();
    }

    public long chunksPublished() {
        return chunks.get();
    }

    public long batchesPublished() {
        return batches.get();
    }

    public long backPressureEvents() {
        return backPressure.get();
    }

    @Override
    public void close() {
        CloseHelper.closeAll(publication, bytes, chunks, batches, backPressure);
    }
}
