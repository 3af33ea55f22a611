package dev.ampj.storage.log;

import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/** How this module opens Chronicle queues and reads raw documents from them. */
public final class Queues {

    /** Control events roll daily: a run's documents stay in few files, indexes stay dense. */
    public static final RollCycle EVENTS_CYCLE = RollCycles.FAST_DAILY;

    private Queues() {}

    /** Opens (creating if needed) a queue for appending. */
    public static SingleChronicleQueue openWritable(Path dir, RollCycle cycle, long blockSize) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create queue directory " + dir, e);
        }
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(cycle).blockSize(blockSize).build();
    }

    /** Opens an existing queue read-only; a missing directory is bad input naming the path. */
    public static SingleChronicleQueue openReadOnly(Path dir, RollCycle cycle) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no queue at " + dir + " (directory missing)");
        }
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(cycle).readOnly(true).build();
    }

    /**
     * Reads the next data document's raw bytes, or {@code null} when none is available yet.
     * {@code indexOut[0]} receives its index. Framing errors from Chronicle itself become
     * {@link CorruptLogException} naming the run and the index the tailer stood at.
     */
    public static byte[] next(ExcerptTailer tailer, long[] indexOut, String run, String queue) {
        long at = tailer.index();
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            indexOut[0] = dc.index();
            Bytes<?> bytes = dc.wire().bytes();
            long n = bytes.readRemaining();
            if (n > Integer.MAX_VALUE - 16) {
                throw new CorruptLogException(run, queue, dc.index(), "implausible document length " + n, null);
            }
            byte[] raw = new byte[(int) n];
            bytes.read(raw);
            return raw;
        } catch (CorruptLogException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptLogException(run, queue, at, "unreadable queue framing: " + e, e);
        }
    }
}
