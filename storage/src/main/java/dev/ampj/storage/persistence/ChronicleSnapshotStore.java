package dev.ampj.storage.persistence;

import com.typesafe.config.Config;
import dev.ampj.storage.event.BinaryIn;
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
import java.util.zip.CRC32C;
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
 *
 * <p>Document: {@code int magic 'AMPS', byte kind (1 save, 2 delete one, 3 delete matching),
 * long seqNr, long timestamp, long maxSeq, long maxTs, long minSeq, long minTs, int n, n bytes, int CRC32C}.
 */
public final class ChronicleSnapshotStore extends SnapshotStore {

    private static final int MAGIC = 0x53504D41; // "AMPS" little-endian
    private static final int SAVE = 1;
    private static final int DELETE_ONE = 2;
    private static final int DELETE_MATCHING = 3;
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

    private record Doc(int kind, long seq, long timestamp, SnapshotSelectionCriteria criteria, byte[] payload) {}

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
            List<Doc> live = liveSnapshots(persistenceId);
            Doc best = null;
            for (Doc d : live) {
                if (criteria.matches(new SnapshotMetadata(persistenceId, d.seq(), d.timestamp()))
                        && (best == null || d.seq() > best.seq() || (d.seq() == best.seq() && d.timestamp() > best.timestamp()))) {
                    best = d;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            Snapshot snapshot = serialization.deserialize(best.payload(), Snapshot.class).get();
            return Optional.of(SelectedSnapshot.create(new SnapshotMetadata(persistenceId, best.seq(), best.timestamp()), snapshot.data()));
        });
    }

    @Override
    public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
        // Serializers may need the transport information (actor refs inside the state).
        byte[] bytes = Serialization$.MODULE$.withTransportInformation(system,
                (scala.Function0<byte[]>) () -> serialization.serialize(new Snapshot(snapshot)).get());
        return io.submit(() -> {
            append(metadata.persistenceId(), SAVE, metadata.sequenceNr(), metadata.timestamp(), SnapshotSelectionCriteria.None(), bytes);
            return null;
        });
    }

    @Override
    public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
        return io.submit(() -> {
            if (exists(metadata.persistenceId())) {
                append(metadata.persistenceId(), DELETE_ONE, metadata.sequenceNr(), metadata.timestamp(), SnapshotSelectionCriteria.None(), new byte[0]);
            }
            return null;
        });
    }

    @Override
    public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return io.submit(() -> {
            if (exists(persistenceId)) {
                append(persistenceId, DELETE_MATCHING, 0, 0, criteria, new byte[0]);
            }
            return null;
        });
    }

    private void append(String pid, int kind, long seq, long ts, SnapshotSelectionCriteria c, byte[] payload) {
        BinaryOut out = new BinaryOut(64 + payload.length);
        out.writeInt(MAGIC);
        out.writeByte(kind);
        out.writeLong(seq);
        out.writeLong(ts);
        out.writeLong(c.maxSequenceNr());
        out.writeLong(c.maxTimestamp());
        out.writeLong(c.minSequenceNr());
        out.writeLong(c.minTimestamp());
        out.writeInt(payload.length);
        out.writeBytes(payload, 0, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.writeInt((int) crc.getValue());
        try (ExcerptAppender appender = queue(pid).createAppender();
                DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(out.array(), 0, out.position());
        }
    }

    /** Saves not removed by a later deletion, in write order. */
    private List<Doc> liveSnapshots(String pid) {
        List<Doc> live = new ArrayList<>();
        long[] at = new long[1];
        String run = dir(pid).name();
        try (ExcerptTailer t = queue(pid).createTailer().toStart()) {
            for (byte[] raw = Queues.next(t, at, run, "snapshots"); raw != null; raw = Queues.next(t, at, run, "snapshots")) {
                Doc d;
                try {
                    d = decode(raw);
                } catch (MalformedDocumentException e) {
                    throw new CorruptLogException(run, "snapshots", at[0], e.getMessage(), e);
                }
                switch (d.kind()) {
                    case SAVE -> {
                        live.removeIf(s -> s.seq() == d.seq() && s.timestamp() == d.timestamp());
                        live.add(d);
                    }
                    case DELETE_ONE -> live.removeIf(s -> s.seq() == d.seq() && (d.timestamp() == 0 || s.timestamp() == d.timestamp()));
                    case DELETE_MATCHING -> live.removeIf(s -> d.criteria().matches(new SnapshotMetadata(pid, s.seq(), s.timestamp())));
                    default -> throw new CorruptLogException(run, "snapshots", at[0], "unknown snapshot document kind " + d.kind(), null);
                }
            }
        }
        return live;
    }

    private static Doc decode(byte[] raw) {
        if (raw.length < 4 + 1 + 6 * 8 + 4 + 4) {
            throw new MalformedDocumentException("snapshot document of " + raw.length + " bytes is too short");
        }
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, raw.length - 4);
        if (new BinaryIn(raw, raw.length - 4, 4).readInt() != (int) crc.getValue()) {
            throw new MalformedDocumentException("CRC32C mismatch");
        }
        BinaryIn in = new BinaryIn(raw, 0, raw.length - 4);
        if (in.readInt() != MAGIC) {
            throw new MalformedDocumentException("not a snapshot document");
        }
        int kind = in.readByte();
        long seq = in.readLong();
        long ts = in.readLong();
        SnapshotSelectionCriteria c = new SnapshotSelectionCriteria(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        byte[] payload = in.readBytes(in.readInt());
        return new Doc(kind, seq, ts, c, payload);
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
