package dev.ampj.storage.persistence;

import com.typesafe.config.Config;
import dev.ampj.storage.event.BinaryIn;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunEventCodec;
import dev.ampj.storage.log.LogDocument;
import dev.ampj.storage.log.RunLogWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.PersistentRepr$;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Pekko Persistence journal on the runs' Chronicle event queues (config {@code amp.storage.journal}).
 * A persistence id is a run: its events go to {@code runs/<id>/events/}, one document per
 * {@link AtomicWrite} (so a half-written write is never visible). {@link RunEvent} payloads are
 * stored with {@link RunEventCodec}, exactly as {@link RunLogWriter} stores them, so what the
 * RunSupervisor persists is the run's event log; other payloads are stored Pekko-serialized.
 * Deletions are tombstone documents. The run's writer lock is taken on the first write.
 */
public final class ChronicleJournal extends AsyncWriteJournal {

    private final Path runsDir;
    private final long blockSize;
    private final Serialization serialization;
    private final IoThread io = new IoThread("amp-journal-io");
    private final Map<String, PidJournal> pids = new HashMap<>(); // I/O thread only; looked up by key, never iterated for results

    public ChronicleJournal(Config config) {
        this.runsDir = PersistenceIds.runsDir(config, context().system().settings().config());
        this.blockSize = context().system().settings().config().getBytes("amp.storage.events.block-size");
        this.serialization = SerializationExtension.get(context().system());
    }

    private PidJournal pid(String persistenceId) {
        return pids.computeIfAbsent(persistenceId,
                id -> new PidJournal(PersistenceIds.directory(runsDir, id), blockSize, System::currentTimeMillis));
    }

    /** One AtomicWrite, encoded on the plugin actor's thread: its entries, or why it is rejected. */
    private record EncodedWrite(AtomicWrite write, List<LogDocument.Entry> entries, String writerUuid, Exception rejection) {}

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        List<EncodedWrite> encoded = new ArrayList<>();
        for (AtomicWrite w : messages) {
            try {
                List<LogDocument.Entry> entries = new ArrayList<>();
                String writerUuid = "";
                for (PersistentRepr repr : CollectionConverters.asJava(w.payload())) {
                    entries.add(encode(repr));
                    writerUuid = repr.writerUuid();
                }
                encoded.add(new EncodedWrite(w, entries, writerUuid, null));
            } catch (Exception e) {
                encoded.add(new EncodedWrite(w, List.of(), "", e));
            }
        }
        return io.submit(() -> {
            List<Optional<Exception>> results = new ArrayList<>();
            for (EncodedWrite e : encoded) {
                if (e.rejection() != null) {
                    results.add(Optional.of(e.rejection())); // the persistent actor gets onPersistRejected
                } else {
                    // A failure here (lock held elsewhere, disk) fails the whole future: onPersistFailure.
                    pid(e.write().persistenceId()).write(e.write().lowestSequenceNr(), e.entries(), e.writerUuid());
                    results.add(Optional.empty());
                }
            }
            return results;
        });
    }

    private LogDocument.Entry encode(PersistentRepr repr) {
        if (repr.payload() instanceof RunEvent event && repr.manifest().isEmpty()) {
            return new LogDocument.Entry(LogDocument.RUN_EVENT, RunEventCodec.encode(event));
        }
        return new LogDocument.Entry(LogDocument.SERIALIZED, serialization.serialize(repr).get());
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        return io.submit(() -> {
            pid(persistenceId).deleteTo(toSequenceNr);
            return null;
        });
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
            Consumer<PersistentRepr> replayCallback) {
        return io.submit(() -> {
            PidJournal journal = pid(persistenceId);
            long from = Math.max(fromSequenceNr, journal.deletedTo() + 1);
            long[] count = {0};
            if (max <= 0 || from > toSequenceNr) {
                return null;
            }
            journal.documentsFrom(from, doc -> {
                for (int i = 0; i < doc.entries().size(); i++) {
                    long seq = doc.sequenceNr() + i;
                    if (seq < from) {
                        continue;
                    }
                    if (seq > toSequenceNr || count[0] >= max) {
                        return false;
                    }
                    replayCallback.accept(decode(persistenceId, seq, doc, doc.entries().get(i)));
                    count[0]++;
                }
                return true;
            });
            return null;
        });
    }

    private PersistentRepr decode(String persistenceId, long seq, LogDocument doc, LogDocument.Entry entry) {
        if (entry.kind() == LogDocument.RUN_EVENT) {
            RunEvent event = RunEventCodec.decode(new BinaryIn(entry.bytes(), 0, entry.bytes().length));
            return PersistentRepr$.MODULE$.apply(event, seq, persistenceId, "", false, ActorRef.noSender(), doc.writerUuid())
                    .withTimestamp(doc.wallTimeMillis());
        }
        PersistentRepr repr = serialization.deserialize(entry.bytes(), PersistentRepr.class).get();
        return repr.update(seq, persistenceId, false, repr.sender(), repr.writerUuid());
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return io.submit(() -> pid(persistenceId).highestSequenceNr());
    }

    @Override
    public void postStop() throws Exception {
        try {
            io.runAndWait(() -> {
                pids.values().forEach(PidJournal::close);
                pids.clear();
            });
        } finally {
            io.close();
            super.postStop();
        }
    }
}
