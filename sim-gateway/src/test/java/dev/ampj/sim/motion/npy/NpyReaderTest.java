package dev.ampj.sim.motion.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.motion.MotionFileException;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips of every accepted dtype, byte order and memory order, and numpy's own files. */
class NpyReaderTest {

    @TempDir
    Path dir;

    private static NpyArray roundTrip(NpyArray a, boolean fortran) throws Exception {
        byte[] b = NpyWriter.toBytes(a, fortran);
        return NpyReader.read(new ByteArrayInputStream(b), b.length, "mem.npy", null, a.name());
    }

    @Test
    void floatsOfBothWidthsEndiansAndOrdersRoundTrip() throws Exception {
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.25 - 3;
        }
        for (String descr : List.of("<f4", ">f4", "<f8", ">f8", "<i2", ">i4", "<u8", "|u1", "|i1")) {
            double[] vals = descr.contains("u") ? v.clone() : v;
            if (descr.contains("u") || descr.contains("i")) {
                for (int i = 0; i < vals.length; i++) {
                    vals[i] = descr.contains("u") ? i : i - 12;
                }
            }
            NpyArray a = NpyArray.ofNumbers("x", NpyDType.parse(descr), new int[] {2, 3, 4}, vals);
            for (boolean fortran : new boolean[] {false, true}) {
                NpyArray r = roundTrip(a, fortran);
                assertArrayEquals(vals, r.doubles(), descr + " fortran=" + fortran);
                assertArrayEquals(new int[] {2, 3, 4}, r.shape());
                assertEquals(descr, r.dtype().descr());
            }
        }
    }

    @Test
    void fortranOrderIsTransposedOnRead() throws Exception {
        // A (2,3) array [[0,1,2],[3,4,5]] in Fortran order stores 0,3,1,4,2,5.
        NpyArray a = NpyArray.ofFloat64("m", new int[] {2, 3}, new double[] {0, 1, 2, 3, 4, 5});
        byte[] b = NpyWriter.toBytes(a, true);
        int at = b.length - 48;
        assertEquals(0, at % 64, "data start on a 64-byte boundary");
        String header = new String(b, 0, at, StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'fortran_order': True"), header);
        java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        double[] stored = new double[6];
        for (int i = 0; i < 6; i++) {
            stored[i] = data.getDouble(at + 8 * i);
        }
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, stored);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, roundTrip(a, true).doubles());
    }

    @Test
    void stringArraysRoundTrip() throws Exception {
        NpyArray u = NpyArray.ofStrings("names", "left_hip", "knee", "ünï");
        assertArrayEquals(new String[] {"left_hip", "knee", "ünï"}, roundTrip(u, false).strings());
        NpyArray be = NpyArray.ofStrings("n", NpyDType.parse(">U5"), new int[] {2}, new String[] {"ab", "cdefg"});
        assertArrayEquals(new String[] {"ab", "cdefg"}, roundTrip(be, false).strings());
        NpyArray s = NpyArray.ofStrings("b", NpyDType.parse("|S6"), new int[] {2}, new String[] {"torso", "foot"});
        assertArrayEquals(new String[] {"torso", "foot"}, roundTrip(s, false).strings());
    }

    @Test
    void zeroDimensionalScalar() throws Exception {
        NpyArray a = NpyArray.ofFloat64("fps", new int[0], new double[] {60});
        NpyArray r = roundTrip(a, false);
        assertEquals(0, r.rank());
        assertEquals(60.0, r.get(0));
    }

    @Test
    void npzStoredAndDeflatedRoundTrip() throws Exception {
        for (boolean compressed : new boolean[] {false, true}) {
            Path p = dir.resolve("a" + compressed + ".npz");
            NpyArray x = NpyArray.ofFloat32("x", new int[] {3, 2}, new double[] {1, 2, 3, 4, 5, 6});
            NpyArray n = NpyArray.ofStrings("names", "a", "bb");
            new NpzWriter(compressed).add(x).add(n, false).write(p);
            NpzArchive z = NpzReader.read(p);
            assertEquals(List.of("x", "names"), z.names());
            assertArrayEquals(x.doubles(), z.require("x").doubles());
            assertArrayEquals(new String[] {"a", "bb"}, z.require("names").strings());
        }
    }

    @Test
    void writerOutputIsByteStable() throws Exception {
        NpyArray x = NpyArray.ofFloat32("x", new int[] {2}, new double[] {1, 2});
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        new NpzWriter(true).add(x).write(a);
        Thread.sleep(1100); // a clock-dependent writer would now differ
        new NpzWriter(true).add(x).write(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void readsFilesWrittenByNumpy() throws Exception {
        NpzArchive z = NpzReader.read(resource("numpy_mixed.npz"));
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, z.require("f4").doubles());
        assertEquals("<f4", z.require("f4").dtype().descr());
        assertArrayEquals(new double[] {-2.25, -1.25, -0.25, 0.75, 1.75, 2.75}, z.require("f8be").doubles());
        assertEquals(">f8", z.require("f8be").dtype().descr());
        double[] iota = new double[12];
        for (int i = 0; i < 12; i++) {
            iota[i] = i;
        }
        assertArrayEquals(iota, z.require("fortran").doubles());
        assertArrayEquals(new int[] {3, 4}, z.require("fortran").shape());
        assertArrayEquals(new String[] {"left_hip", "left_knee"}, z.require("names").strings());
        assertArrayEquals(new String[] {"torso", "foot"}, z.require("bnames").strings());
        assertEquals(30.0, z.require("scalar").get(0));
        assertArrayEquals(new double[] {1, -2, 3}, z.require("i8").doubles());
        NpzArchive c = NpzReader.read(resource("numpy_mixed_compressed.npz"));
        assertArrayEquals(new String[] {"left_hip", "left_knee"}, c.require("names").strings());
    }

    static Path resource(String name) throws Exception {
        return Path.of(NpyReaderTest.class.getResource("/motion/" + name).toURI());
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> NpzReader.read(dir.resolve("nope.npz")));
    }

    @Test
    void errorsNameFileAndEntry() throws Exception {
        Path p = dir.resolve("c.npz");
        new NpzWriter(false).addRaw("cplx.npy", npy("<c16", "(2,)", new byte[32])).write(p);
        MotionFileException e = assertThrows(MotionFileException.class, () -> NpzReader.read(p));
        assertEquals(p.toString(), e.file());
        assertEquals("cplx", e.entry());
        assertTrue(e.getMessage().startsWith(p + ": entry 'cplx': complex dtype"), e.getMessage());
    }

    /** A v1.0 .npy with a hand-written header dict and data. */
    static byte[] npy(String descr, String shape, byte[] data) {
        return npyWithHeader("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", data);
    }

    static byte[] npyWithHeader(String dict, byte[] data) {
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        byte[] out = new byte[padded + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, out, 0, 8);
        int len = padded - 10;
        out[8] = (byte) len;
        out[9] = (byte) (len >>> 8);
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(d, 0, out, 10, d.length);
        for (int i = 10 + d.length; i < padded - 1; i++) {
            out[i] = ' ';
        }
        out[padded - 1] = '\n';
        System.arraycopy(data, 0, out, padded, data.length);
        return out;
    }
}
