package dev.ampj.sim.motion.npy;

import static dev.ampj.sim.motion.npy.NpyReaderTest.npy;
import static dev.ampj.sim.motion.npy.NpyReaderTest.npyWithHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.motion.MotionFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed .npy/.npz case: one clear error naming file, entry and problem; never an OOM. */
class NpyMalformedTest {

    @TempDir
    Path dir;

    private MotionFileException npzError(String entry, byte[] member, boolean compressed) throws Exception {
        Path p = dir.resolve("bad.npz");
        new NpzWriter(compressed).addRaw(entry, member).write(p);
        MotionFileException e = assertThrows(MotionFileException.class, () -> NpzReader.read(p));
        assertEquals(p.toString(), e.file());
        return e;
    }

    private static void assertMentions(MotionFileException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention '" + part + "'");
        }
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void headerClaimingMoreElementsThanTheEntryHolds() throws Exception {
        for (boolean compressed : new boolean[] {false, true}) {
            MotionFileException e = npzError("x.npy", npy("<f8", "(1000,)", new byte[80]), compressed);
            assertEquals("x", e.entry());
            assertMentions(e, "claims 1000 elements", "only 80 data bytes");
        }
    }

    @Test
    void hugeClaimsFailBeforeAllocating() throws Exception {
        // 2^31 - 100 float64s would need 16 GiB: refused by size, not by running out of memory.
        MotionFileException e = npzError("x.npy", npy("<f8", "(2147483547,)", new byte[8]), true);
        assertMentions(e, "more than a Java array holds");
        MotionFileException e2 = npzError("y.npy", npy("<f4", "(100000, 100000)", new byte[8]), false);
        assertMentions(e2, "10000000000 elements");
        // Unknown size (a stream): bytes are read as they come, the claim allocates nothing.
        byte[] b = npy("<f4", "(500000000,)", new byte[16]);
        MotionFileException s = assertThrows(MotionFileException.class,
                () -> NpyReader.read(new ByteArrayInputStream(b), -1, "stream", "s", "s"));
        assertMentions(s, "only 16 data bytes");
    }

    @Test
    void trailingBytesAreRefused() throws Exception {
        MotionFileException e = npzError("x.npy", npy("<f8", "(2,)", new byte[24]), false);
        assertMentions(e, "8 trailing bytes");
    }

    @Test
    void badMagicVersionAndTruncatedHeader() throws Exception {
        assertMentions(npzError("a.npy", "not numpy at all".getBytes(), false), "does not start with");
        byte[] v9 = npy("<f8", "(1,)", new byte[8]);
        v9[6] = 9;
        assertMentions(npzError("b.npy", v9, false), "format version 9.0");
        byte[] cut = java.util.Arrays.copyOf(npy("<f8", "(1,)", new byte[8]), 30);
        assertMentions(npzError("c.npy", cut, false), "truncated");
        byte[] hugeHeader = npy("<f8", "(1,)", new byte[8]);
        hugeHeader[6] = 2; // v2 reads a 4-byte length: the dict text becomes part of a huge length
        assertMentions(npzError("d.npy", hugeHeader, false), "header claims");
    }

    @Test
    void malformedHeaderDicts() throws Exception {
        assertMentions(npzError("a.npy", npyWithHeader("{'descr': '<f8', 'fortran_order': False, }", new byte[0]), false), "lacks 'shape'");
        assertMentions(npzError("b.npy", npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1, }", new byte[8]), false),
                "unexpected key 'x'");
        assertMentions(npzError("c.npy", npyWithHeader("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]), false),
                "structured dtype");
        assertMentions(npzError("d.npy", npyWithHeader("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", new byte[8]), false),
                "True or False");
        assertMentions(npzError("e.npy", npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", new byte[8]), false),
                "non-negative integer");
        assertMentions(npzError("f.npy", npyWithHeader("__import__('os').system('x')", new byte[0]), false), "malformed header");
    }

    @Test
    void unsupportedDtypes() throws Exception {
        assertMentions(npzError("a.npy", npy("<c8", "(1,)", new byte[8]), false), "complex dtype '<c8'");
        assertMentions(npzError("b.npy", npy("|O", "(1,)", new byte[8]), false), "pickled Python objects");
        assertMentions(npzError("c.npy", npy("<f2", "(1,)", new byte[2]), false), "only float32 and float64");
        assertMentions(npzError("d.npy", npy("<M8[ns]", "(1,)", new byte[8]), false), "unsupported dtype");
        assertMentions(npzError("e.npy", npy("=f8", "(1,)", new byte[8]), false), "native byte order");
    }

    @Test
    void invalidText() throws Exception {
        byte[] bad = new byte[4];
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7FFFFFFF);
        assertMentions(npzError("n.npy", npy("<U1", "(1,)", bad), false), "not valid text");
    }

    @Test
    void notAZipAndNonNpyMembers() throws Exception {
        Path p = dir.resolve("garbage.npz");
        Files.write(p, new byte[] {1, 2, 3, 4, 5});
        MotionFileException e = assertThrows(MotionFileException.class, () -> NpzReader.read(p));
        assertMentions(e, "not a valid .npz (zip) archive");
        assertMentions(npzError("readme.txt", "hello".getBytes(), false), "is not an .npy member");
        Path empty = dir.resolve("empty.npz");
        new NpzWriter(false).write(empty);
        assertMentions(assertThrows(MotionFileException.class, () -> NpzReader.read(empty)), "holds no arrays");
    }

    @Test
    void unsupportedCompressionMethod() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        new NpzWriter(false).add(NpyArray.ofFloat64("x", new int[] {1}, new double[] {1})).write(bos);
        byte[] zip = bos.toByteArray();
        // Patch the method field (0 = stored) to 12 (bzip2) in the local and central headers.
        for (int i = 0; i + 4 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                zip[i + 8] = 12;
            }
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                zip[i + 10] = 12;
            }
        }
        Path p = dir.resolve("bzip.npz");
        Files.write(p, zip);
        MotionFileException e = assertThrows(MotionFileException.class, () -> NpzReader.read(p));
        assertMentions(e, "compression method", "12");
    }

    @Test
    void corruptDeflateStream() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        double[] v = new double[512];
        new NpzWriter(true).add(NpyArray.ofFloat64("x", new int[] {512}, v)).write(bos);
        byte[] zip = bos.toByteArray();
        for (int i = 60; i < 80; i++) {
            zip[i] ^= 0x5A; // inside the compressed data
        }
        Path p = dir.resolve("corrupt.npz");
        Files.write(p, zip);
        assertThrows(MotionFileException.class, () -> NpzReader.read(p));
    }
}
