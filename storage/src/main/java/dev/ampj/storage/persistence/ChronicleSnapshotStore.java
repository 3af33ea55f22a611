package dev.ampj.storage.persistence;

import com.typesafe.config.Config;
import dev.ampj.storage.event.BinaryOut;
import dev.ampj.storage.event.MalformedDocumentException;
import dev.ampj.storage.log.CorruptLogException;
import dev.ampj.storage.log.Queues;
import dev.ampj.storage.log.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.serialization.Snapshot;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serialization$;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.Future;

/**
 * Pekko Persistence snapshot store on Chronicle Queue (config {@code amp.storage.snapshot-store}):
 * one {@code snapshots/} queue per persistence id (run). Documents are saves and deletions with a
 * CRC32C; a load scans the (few) documents of the id and picks the newest live match. Meant for the
 * RunSupervisor's small state: learner checkpoints go to the checkpoint blob store.
 * Documents: {@link SnapshotDocument}.
 */
public final class ChronicleSnapshotStore extends SnapshotStore {

    /** Snapshots are small; a document may use a quarter of a block. */
    private static final long BLOCK_SIZE = 64L << 20;

    private final Path runsDir;
    private final Serialization serialization;
    private final ExtendedActorSystem system;
    private final IoThread io = new IoThread("amp-snapshot-io");
    private final Map<String, SingleChronicleQueue> queues = new HashMap<>(); // I/O thread only

    public ChronicleSnapshotStore(Config config) {
        this.system = (ExtendedActorSystem) context().system();
        this.runsDir = PersistenceIds.runsDir(config, system.settings().config());
        this.serialization = SerializationExtension.get(system);
    }

    private RunDirectory dir(String pid) {
        return PersistenceIds.directory(runsDir, pid);
    }

    private SingleChronicleQueue queue(String pid) {
        return queues.computeIfAbsent(pid, id -> Queues.openWritable(dir(id).snapshots(), RollCycles.FAST_DAILY, BLOCK_SIZE));
    }

    private boolean exists(String pid) {
        return queues.containsKey(pid) || java.nio.file.Files.isDirectory(dir(pid).snapshots());
    }

    @Override
    public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return io.submit(() -> {
            if (!exists(persistenceId)) {
                return Optional.empty();
            }
            SnapshotDocument best = null;
            for (SnapshotDocument d : liveSnapshots(persistenceId)) {
                if (d.matches(persistenceId, criteria) && (best == null || d.sequenceNr() > best.sequenceNr()
                        || (d.sequenceNr() == best.sequenceNr() && d.timestamp() > best.timestamp()))) {
                    best = d;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            Snapshot snapshot = serialization.deserialize(best.payload(), Snapshot.class).get();
            return Optional.of(SelectedSnapshot.create(new SnapshotMetadata(persistenceId, best.sequenceNr(), best.timestamp()), snapshot.data()));
        });
    }

    @Override
    public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
        // Serializers may need the transport information (actor refs inside the state).
        byte[] bytes = Serialization$.MODULE$.withTransportInformation(system,
                (scala.Function0<byte[]>) () -> serialization.serialize(new Snapshot(snapshot)).get());
        return io.submit(() -> {
            append(metadata.persistenceId(), new SnapshotDocument(SnapshotDocument.SAVE, metadata.sequenceNr(), metadata.timestamp(),
                    SnapshotSelectionCriteria.None(), bytes));
            return null;
        });
    }

    @Override
    public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
        return io.submit(() -> {
            if (exists(metadata.persistenceId())) {
                append(metadata.persistenceId(), new SnapshotDocument(SnapshotDocument.DELETE_ONE, metadata.sequenceNr(),
                        metadata.timestamp(), SnapshotSelectionCriteria.None(), new byte[0]));
            }
            return null;
        });
    }

    @Override
    public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return io.submit(() -> {
            if (exists(persistenceId)) {
                append(persistenceId, new SnapshotDocument(SnapshotDocument.DELETE_MATCHING, 0, 0, criteria, new byte[0]));
            }
            return null;
        });
    }

    private void append(String pid, SnapshotDocument doc) {
        BinaryOut out = new BinaryOut(64 + doc.payload().length);
        doc.encode(out);
        try (ExcerptAppender appender = queue(pid).createAppender();
                DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(out.array(), 0, out.position());
        }
    }

    /** Saves not removed by a later deletion, in write order. */
    private List<SnapshotDocument> liveSnapshots(String pid) {
        List<SnapshotDocument> live = new ArrayList<>();
        long[] at = new long[1];
        String run = dir(pid).name();
        try (ExcerptTailer t = queue(pid).createTailer().toStart()) {
            for (byte[] raw = Queues.next(t, at, run, "snapshots"); raw != null; raw = Queues.next(t, at, run, "snapshots")) {
                SnapshotDocument d;
                try {
                    d = SnapshotDocument.decode(raw);
                } catch (MalformedDocumentException e) {
                    throw new CorruptLogException(run, "snapshots", at[0], e.getMessage(), e);
                }
                switch (d.kind()) {
                    case SnapshotDocument.SAVE -> {
                        live.removeIf(s -> s.sequenceNr() == d.sequenceNr() && s.timestamp() == d.timestamp());
                        live.add(d);
                    }
                    case SnapshotDocument.DELETE_ONE -> live.removeIf(s -> s.sequenceNr() == d.sequenceNr()
                            && (d.timestamp() == 0 || s.timestamp() == d.timestamp()));
                    default -> live.removeIf(s -> s.matches(pid, d.criteria()));
                }
            }
        }
        return live;
    }

    @Override
    public void postStop() throws Exception {
        try {
            io.runAndWait(() -> {
                queues.values().forEach(SingleChronicleQueue::close);
                queues.clear();
            });
        } finally {
            io.close();
            super.postStop();
        }
    }
}
