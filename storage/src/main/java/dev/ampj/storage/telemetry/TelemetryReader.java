package dev.ampj.storage.telemetry;

import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.MalformedDocumentException;
import dev.ampj.storage.log.CorruptLogException;
import dev.ampj.storage.log.Queues;
import dev.ampj.storage.log.RunDirectory;
import java.util.Optional;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/** A run's telemetry opened read-only; tailers read batches live while a writer appends (any process). */
public final class TelemetryReader implements AutoCloseable {

    private final RunDirectory run;
    private final SingleChronicleQueue queue;

    private TelemetryReader(RunDirectory run, SingleChronicleQueue queue) {
        this.run = run;
        this.queue = queue;
    }

    public static TelemetryReader open(RunDirectory run, StorageSettings settings) {
        return new TelemetryReader(run, Queues.openReadOnly(run.telemetry(), TelemetryQueues.rollCycle(settings.telemetryRollCycle())));
    }

    public Tailer tailFromStart() {
        return new Tailer(queue.createTailer().toStart());
    }

    public Tailer tailFromNow() {
        return new Tailer(queue.createTailer().toEnd());
    }

    /** Re-reads the directory after pruning deleted cycle files. */
    public void refresh() {
        queue.refreshDirectoryListing();
    }

    @Override
    public void close() {
        queue.close();
    }

    /** One thread's cursor over the telemetry queue. */
    public final class Tailer implements AutoCloseable {
        private final ExcerptTailer tailer;
        private final long[] index = new long[1];

        private Tailer(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /** The next batch, or empty when none has been appended yet. */
        public Optional<TelemetryBatch> next() {
            byte[] raw = Queues.next(tailer, index, run.name(), "telemetry");
            if (raw == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(TelemetryCodec.decode(raw));
            } catch (MalformedDocumentException e) {
                throw new CorruptLogException(run.name(), "telemetry", index[0], e.getMessage(), e);
            }
        }

        /** Reads the next batch, if any, record by record; returns how many records it passed on. */
        public int nextRecords(Consumer<TelemetryRecord> sink) {
            Optional<TelemetryBatch> b = next();
            if (b.isEmpty()) {
                return 0;
            }
            for (int i = 0; i < b.get().size(); i++) {
                sink.accept(b.get().record(run.name(), i));
            }
            return b.get().size();
        }

        /** Index of the last batch read. */
        public long lastIndex() {
            return index[0];
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
