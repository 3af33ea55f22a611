package dev.ampj.storage.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record framing and event encoding, byte for byte against what TensorBoard's own Python
 * writer produces (golden bytes from {@code tensorboard.summary.writer.record_writer.RecordWriter}
 * and {@code event_pb2.Event.SerializeToString()}, tensorboard 2.x).
 */
class TfRecordTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void framesLikeTensorBoardsRecordWriter() {
        byte[] framed = TfRecord.frame("hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals("0500000000000000eab2043e68656c6c6fbb1f1c19", HEX.formatHex(framed));
    }

    @Test
    void masksTheCrc32cOfTheStandardCheckString() {
        // CRC32C("123456789") = 0xE3069283 (RFC 3720); masked: rotate right by 15, add 0xa282ead8
        int masked = TfRecord.maskedCrc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9);
        assertEquals((Integer.rotateRight(0xE3069283, 15) + 0xa282ead8), masked);
    }

    @Test
    void encodesEventsLikeProtoc() {
        assertEquals("09000000000000f83f1a0d627261696e2e4576656e743a32", HEX.formatHex(SummaryEvents.fileVersion(1.5)));
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("Loss/surrogate", -0.25);
        scalars.put("Perf/collection time", 1234.5);
        assertEquals("0900001040fc54d94110ac022a340a150a0e4c6f73732f737572726f6761746515000080be0a1b0a14506572662f636f6c6c"
                + "656374696f6e2074696d651500509a44", HEX.formatHex(SummaryEvents.scalars(1700000000.25, 300, scalars)));
    }

    @Test
    void parseChecksBothCrcs() {
        byte[] file = TfRecord.frameAll(List.of(new byte[] {1, 2, 3}, new byte[0], "x".getBytes(StandardCharsets.US_ASCII)));
        List<byte[]> back = TfRecord.parse(file, "f");
        assertEquals(3, back.size());
        assertArrayEquals(new byte[] {1, 2, 3}, back.get(0));
        assertEquals(0, back.get(1).length);

        byte[] badData = file.clone();
        badData[12] ^= 1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfRecord.parse(badData, "f")).getMessage()
                .contains("data CRC mismatch in the record at byte 0"));
        byte[] badLength = file.clone();
        badLength[19 + 1] ^= 1; // second record's length
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfRecord.parse(badLength, "f")).getMessage()
                .contains("length CRC mismatch at byte 19"));
        byte[] truncated = java.util.Arrays.copyOf(file, file.length - 2);
        assertThrows(IllegalArgumentException.class, () -> TfRecord.parse(truncated, "f"));
    }

    @Test
    void eachWriterOpensItsOwnFileStartingWithTheFileVersion(@TempDir Path dir) throws IOException {
        Path tb = dir.resolve("tb");
        try (EventFileWriter a = EventFileWriter.create(tb, "host", 42, 1000.0);
                EventFileWriter b = EventFileWriter.create(tb, "host", 42, 1000.9)) {
            a.write(1, 1001.0, Map.of("Train/mean_reward", 0.5));
            assertEquals("events.out.tfevents.0000001000.host.42.0", a.file().getFileName().toString());
            assertEquals("events.out.tfevents.0000001000.host.42.1", b.file().getFileName().toString());
        }
        try (Stream<Path> files = Files.list(tb)) {
            assertEquals(2, files.count());
        }
        List<byte[]> records = TfRecord.parse(Files.readAllBytes(tb.resolve("events.out.tfevents.0000001000.host.42.0")), "a");
        assertEquals(2, records.size());
        assertArrayEquals(SummaryEvents.fileVersion(1000.0), records.get(0));
        assertArrayEquals(SummaryEvents.scalars(1001.0, 1, Map.of("Train/mean_reward", 0.5)), records.get(1));
    }
}
