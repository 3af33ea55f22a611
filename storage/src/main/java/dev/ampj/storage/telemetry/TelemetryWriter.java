package dev.ampj.storage.telemetry;

import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.BinaryOut;
import dev.ampj.storage.log.Queues;
import dev.ampj.storage.log.RunDirectory;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends telemetry batches to a run's {@code telemetry/} queue, one document per batch. Several
 * writers (one per shard thread) may share a queue: Chronicle serialises their appends. Each
 * writer belongs to one thread; its encode buffer is reused, so a steady stream allocates nothing
 * per batch beyond Chronicle's own.
 */
public final class TelemetryWriter implements AutoCloseable {

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final BinaryOut out = new BinaryOut(64 * 1024);

    private TelemetryWriter(SingleChronicleQueue queue) {
        this.queue = queue;
        this.appender = queue.createAppender();
    }

    public static TelemetryWriter open(RunDirectory run, StorageSettings settings) {
        return new TelemetryWriter(Queues.openWritable(run.telemetry(),
                TelemetryQueues.rollCycle(settings.telemetryRollCycle()), settings.telemetryBlockSize()));
    }

    /** Appends one batch; returns its Chronicle index. */
    public long append(TelemetryBatch batch) {
        TelemetryCodec.encode(batch, out);
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(out.array(), 0, out.position());
        }
        return appender.lastIndexAppended();
    }

    @Override
    public void close() {
        appender.close();
        queue.close();
    }
}
