package dev.ampj.storage.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.common.CounterRandom;
import dev.ampj.common.Digests;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i += 8) {
            long v = CounterRandom.bits(seed, i);
            for (int j = 0; j < 8 && i + j < n; j++) {
                b[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return b;
    }

    @Test
    void putIsContentAddressedAndReadVerifies() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        byte[] state = bytes(3_000_123, 7);
        CheckpointRef ref = store.put(state);
        assertEquals(Digests.sha256Hex(state), ref.digest());
        assertEquals(state.length, ref.sizeBytes());
        assertTrue(Files.isRegularFile(store.directory().resolve(ref.digest())));
        assertArrayEquals(state, store.read(ref.digest()));
        assertEquals(ref, store.put(state), "same content, same blob");
        try (Stream<Path> files = Files.list(store.directory())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void streamedWriteEqualsPut() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        byte[] state = bytes(2_500_000, 9);
        CheckpointRef ref;
        try (CheckpointOutput out = store.create()) {
            for (int off = 0; off < state.length; off += 777_777) {
                out.write(state, off, Math.min(777_777, state.length - off));
            }
            out.write(1);
            ref = out.commit();
        }
        byte[] expected = java.util.Arrays.copyOf(state, state.length + 1);
        expected[state.length] = 1;
        assertEquals(Digests.sha256Hex(expected), ref.digest());
        assertArrayEquals(expected, store.read(ref.digest()));
    }

    @Test
    void abandonedWriteLeavesNothing() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        try (CheckpointOutput out = store.create()) {
            out.write(bytes(1000, 1));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void damagedOrMissingBlobIsReportedWithItsPath() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        CheckpointRef ref = store.put(bytes(100_000, 3));
        try (RandomAccessFile raf = new RandomAccessFile(store.path(ref.digest()).toFile(), "rw")) {
            raf.seek(50_000);
            int b = raf.read();
            raf.seek(50_000);
            raf.write(b ^ 1);
        }
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> store.read(ref.digest()));
        assertTrue(e.getMessage().contains(ref.digest()), e.getMessage());
        String missing = Digests.sha256Hex(new byte[] {1});
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> store.read(missing));
        assertTrue(m.getMessage().contains("missing"), m.getMessage());
    }
}
