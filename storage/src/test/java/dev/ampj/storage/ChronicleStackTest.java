package dev.ampj.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chronicle Queue opens writable under the pinned JVM flags, appends binary documents and tails them. */
class ChronicleStackTest {

    @Test
    void appendsAndTailsBinaryDocuments(@TempDir Path dir) {
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir.resolve("events")).build()) {
            ExcerptAppender appender = queue.createAppender();
            for (int i = 0; i < 3; i++) {
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().writeInt(i).writeLong(1000L * i);
                }
            }
            ExcerptTailer tailer = queue.createTailer();
            for (int i = 0; i < 3; i++) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    assertTrue(dc.isPresent());
                    assertEquals(i, dc.wire().bytes().readInt());
                    assertEquals(1000L * i, dc.wire().bytes().readLong());
                }
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                assertFalse(dc.isPresent());
            }
        }
    }
}
