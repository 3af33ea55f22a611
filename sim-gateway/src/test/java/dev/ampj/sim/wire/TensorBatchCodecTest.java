package dev.ampj.sim.wire;

import static org.junit.jupiter.api.Assertions.*;

import dev.ampj.common.RandomStream;
import java.nio.ByteOrder;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class TensorBatchCodecTest {

    private static final long RUN = RunIds.of("codec-test");

    private static float[] floats(String purpose, int n) {
        RandomStream r = RandomStream.of(7, purpose);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }

    /** Encodes obs (rank 2), actions (rank 2), rewards (rank 1), a scalar and an empty column. */
    static int encodeSample(UnsafeBuffer buffer, float[] obs, float[] actions, float[] rewards) {
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(buffer, 0);
        enc.header(RUN, 12, 3, StreamKind.TRAJECTORY, 5);
        int o = enc.addColumn("obs", 24, 7);
        int a = enc.addColumn("actions", 24, 6);
        int r = enc.addColumn("task_rewards", 24);
        int s = enc.addColumn("scale", new int[0]);
        enc.addColumn("empty", 0, 3);
        enc.putFloats(o, obs).putFloats(a, actions).putFloats(r, rewards).putFloat(s, 0, 2.5f);
        return enc.encodedLength();
    }

    @Test
    void roundTripIsBitExactAndAligned() {
        float[] obs = floats("obs", 24 * 7);
        float[] actions = floats("actions", 24 * 6);
        float[] rewards = floats("rewards", 24);
        int expected = WireFormat.batchLength(24 * 7, 24 * 6, 24, 1, 0);
        UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(expected, 64));
        int length = encodeSample(buffer, obs, actions, rewards);
        assertEquals(expected, length);

        TensorBatchDecoder dec = new TensorBatchDecoder().wrap(buffer, 0, length);
        assertEquals(RUN, dec.runId());
        assertEquals(12, dec.iteration());
        assertEquals(3, dec.shardIndex());
        assertEquals(StreamKind.TRAJECTORY, dec.streamKind());
        assertEquals(5, dec.columnCount());
        int o = dec.requireColumn("obs");
        assertEquals("obs", dec.columnName(o));
        assertEquals(2, dec.rank(o));
        assertEquals(24, dec.dim(o, 0));
        assertEquals(7, dec.dim(o, 1));
        float[] back = new float[obs.length];
        dec.getFloats(o, back, 0);
        for (int i = 0; i < obs.length; i++) {
            assertEquals(Float.floatToRawIntBits(obs[i]), Float.floatToRawIntBits(back[i]), "obs[" + i + "]");
        }
        int a = dec.requireColumn("actions");
        assertEquals(Float.floatToRawIntBits(actions[77]), Float.floatToRawIntBits(dec.getFloat(a, 77)));
        int s = dec.requireColumn("scale");
        assertEquals(0, dec.rank(s));
        assertEquals(1, dec.elementCount(s));
        assertEquals(2.5f, dec.getFloat(s, 0));
        assertEquals(0, dec.elementCount(dec.requireColumn("empty")));
        assertEquals(-1, dec.columnIndex("missing"));
        for (int c = 0; c < dec.columnCount(); c++) {
            assertEquals(0, dec.dataOffset(c) % WireFormat.DATA_ALIGNMENT, "column " + c + " data is 64-byte aligned");
        }
        // The data really is little-endian float32 at the documented place.
        assertEquals(Float.floatToRawIntBits(rewards[5]),
                buffer.getInt(dec.dataOffset(dec.requireColumn("task_rewards")) + 20, ByteOrder.LITTLE_ENDIAN));
        WireFormatException missing = assertThrows(WireFormatException.class, () -> dec.requireColumn("values"));
        assertTrue(missing.getMessage().contains("'values'"), missing.getMessage());
    }

    @Test
    void encodingIsDeterministicWhateverTheBufferHeldBefore() {
        float[] obs = floats("obs", 24 * 7);
        float[] actions = floats("actions", 24 * 6);
        float[] rewards = floats("rewards", 24);
        int n = WireFormat.batchLength(24 * 7, 24 * 6, 24, 1, 0);
        UnsafeBuffer clean = new UnsafeBuffer(new byte[n]);
        UnsafeBuffer dirty = new UnsafeBuffer(new byte[n]);
        dirty.setMemory(0, n, (byte) 0x5A);
        encodeSample(clean, obs, actions, rewards);
        encodeSample(dirty, obs, actions, rewards);
        assertArrayEquals(clean.byteArray(), dirty.byteArray(), "padding and reserved bytes are zeroed");
    }

    @Test
    void encoderRejectsBadColumnsClearly() {
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(new UnsafeBuffer(new byte[1024]), 0);
        enc.header(RUN, 0, 0, StreamKind.POLICY_PARAMS, 2);
        enc.addColumn("w", 4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> enc.addColumn("w", 4)).getMessage().contains("duplicate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> enc.addColumn("bad name", 4)).getMessage().contains("ASCII"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> enc.addColumn("x", 1000)).getMessage().contains("too small"));
        assertTrue(assertThrows(IllegalStateException.class, enc::encodedLength).getMessage().contains("1 of 2"));
        assertThrows(IllegalArgumentException.class, () -> enc.addColumn("neg", -1));
        assertThrows(IllegalArgumentException.class, () -> enc.addColumn("deep", new int[7]));
    }

    @Test
    void unknownVersionAndBadMagicAreNamed() {
        UnsafeBuffer buffer = sample();
        int length = WireFormat.batchLength(24 * 7, 24 * 6, 24, 1, 0);
        buffer.putShort(WireFormat.VERSION_OFFSET, (short) 3, ByteOrder.LITTLE_ENDIAN);
        WireFormatException e = assertThrows(WireFormatException.class, () -> new TensorBatchDecoder().wrap(buffer, 0, length));
        assertTrue(e.getMessage().contains("schema version 3"), e.getMessage());
        buffer.putShort(WireFormat.VERSION_OFFSET, (short) 1, ByteOrder.LITTLE_ENDIAN);
        e = assertThrows(WireFormatException.class, () -> new TensorBatchDecoder().wrap(buffer, 0, length));
        assertEquals("tensor-batch schema version 1 (float32-only columns) is no longer read; this build reads version 2"
                + " (typed columns): run the same build on every sender and receiver", e.getMessage());
        buffer.putShort(WireFormat.VERSION_OFFSET, (short) WireFormat.SCHEMA_VERSION, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(0, 0x12345678, ByteOrder.LITTLE_ENDIAN);
        e = assertThrows(WireFormatException.class, () -> new TensorBatchDecoder().wrap(buffer, 0, length));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void inconsistentLengthsAreRejected() {
        int length = WireFormat.batchLength(24 * 7, 24 * 6, 24, 1, 0);
        UnsafeBuffer b1 = sample();
        assertTrue(assertThrows(WireFormatException.class, () -> new TensorBatchDecoder().wrap(b1, 0, length - 64))
                .getMessage().contains("chunk length"));
        UnsafeBuffer b2 = sample();
        int entry1 = WireFormat.HEADER_LENGTH + WireFormat.COLUMN_ENTRY_LENGTH;
        b2.putInt(entry1 + WireFormat.ENTRY_DIMS_OFFSET, 25, ByteOrder.LITTLE_ENDIAN); // shape no longer matches data length
        assertTrue(assertThrows(WireFormatException.class, () -> new TensorBatchDecoder().wrap(b2, 0, length))
                .getMessage().contains("does not match its shape"));
        UnsafeBuffer b3 = sample();
        b3.putInt(WireFormat.CHUNK_COUNT_OFFSET, 3, ByteOrder.LITTLE_ENDIAN);
        assertTrue(assertThrows(WireFormatException.class, () -> new TensorBatchDecoder().wrap(b3, 0, length))
                .getMessage().contains("reassemble"));
        UnsafeBuffer b4 = sample();
        b4.putByte(WireFormat.HEADER_LENGTH + WireFormat.ENTRY_DTYPE_OFFSET, (byte) 9);
        assertTrue(assertThrows(WireFormatException.class, () -> new TensorBatchDecoder().wrap(b4, 0, length))
                .getMessage().contains("dtype 9"));
        assertThrows(WireFormatException.class, () -> new TensorBatchDecoder().wrap(sample(), 0, 40));
    }

    /** Fuzz-ish: every single-byte corruption of the header and directory either decodes to a valid batch or fails with a WireFormatException. */
    @Test
    void corruptedBytesNeverEscapeAsOtherExceptions() {
        int length = WireFormat.batchLength(24 * 7, 24 * 6, 24, 1, 0);
        int directoryEnd = WireFormat.firstDataOffset(5);
        RandomStream r = RandomStream.of(11, "wire-fuzz");
        int rejected = 0;
        for (int trial = 0; trial < 4000; trial++) {
            UnsafeBuffer b = sample();
            int flips = 1 + r.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = r.nextInt(directoryEnd);
                b.putByte(at, (byte) (b.getByte(at) ^ (1 << r.nextInt(8))));
            }
            int len = r.nextInt(8) == 0 ? r.nextInt(length + 1) : length;
            try {
                TensorBatchDecoder d = new TensorBatchDecoder().wrap(b, 0, len);
                for (int c = 0; c < d.columnCount(); c++) {
                    d.getFloats(c, new float[d.elementCount(c)], 0);
                    d.columnName(c);
                }
            } catch (WireFormatException expected) {
                rejected++;
            }
        }
        assertTrue(rejected > 1000, "most corruptions are detected, got " + rejected);
    }

    private static UnsafeBuffer sample() {
        int length = WireFormat.batchLength(24 * 7, 24 * 6, 24, 1, 0);
        UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        encodeSample(b, floats("obs", 24 * 7), floats("actions", 24 * 6), floats("rewards", 24));
        return b;
    }

    @Test
    void typedColumnsRoundTripWithTheirDtypeAndShape() {
        long[] ids = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 0x0102030405060708L};
        int[] counts = {Integer.MIN_VALUE, -7, 0, 9, Integer.MAX_VALUE};
        byte[] blob = {(byte) 0xFF, 0x7F, 0, (byte) 0xC0, 0x01, (byte) 0x80, 0x00};
        float[] nan = {Float.intBitsToFloat(0x7FC00001), Float.intBitsToFloat(0xFF800001)};
        UnsafeBuffer b = new UnsafeBuffer(new byte[WireFormat.batchLengthOfBytes(ids.length * 8L, counts.length * 4L,
                blob.length, nan.length * 4L)]);
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(b, 0).header(RUN, 5, 2, StreamKind.TRAJECTORY, 4);
        int cIds = enc.addColumn("ids", WireFormat.DTYPE_INT64, new int[] {2, 3});
        int cCounts = enc.addColumn("counts", WireFormat.DTYPE_INT32, new int[] {5});
        int cBlob = enc.addColumn("blob", WireFormat.DTYPE_UINT8, new int[] {blob.length});
        int cNan = enc.addColumn("nan", 2);
        enc.putLongs(cIds, 0, ids, 0, ids.length).putInts(cCounts, 0, counts, 0, counts.length)
                .putBytes(cBlob, 0, blob, 0, blob.length).putFloats(cNan, nan);
        assertThrows(IllegalArgumentException.class, () -> enc.putFloats(cIds, 0, new float[6], 0, 6));

        TensorBatchDecoder d = new TensorBatchDecoder().wrap(b, 0, enc.encodedLength());
        assertEquals(WireFormat.DTYPE_INT64, d.dtype(cIds));
        assertEquals(6, d.elementCount(cIds));
        assertEquals(3, d.dim(cIds, 1));
        long[] idsBack = new long[8];
        d.getLongs(cIds, 1, idsBack, 2, 5); // a range, straight to an offset of the destination
        assertArrayEquals(new long[] {0, 0, -1, 0, 1, Long.MAX_VALUE, 0x0102030405060708L, 0}, idsBack);
        int[] countsBack = new int[5];
        d.getInts(cCounts, 0, countsBack, 0, 5);
        assertArrayEquals(counts, countsBack);
        byte[] blobBack = new byte[blob.length];
        d.getBytes(cBlob, 0, blobBack, 0, blob.length);
        assertArrayEquals(blob, blobBack);
        assertEquals(blob.length, d.dataLength(cBlob));
        float[] nanBack = new float[2];
        d.getFloats(cNan, nanBack, 0);
        assertEquals(0x7FC00001, Float.floatToRawIntBits(nanBack[0]));
        assertEquals(0xFF800001, Float.floatToRawIntBits(nanBack[1]));
        WireFormatException e = assertThrows(WireFormatException.class, () -> d.getFloats(cIds, new float[6], 0));
        assertEquals("column 'ids' is int64, read as float32", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.getLongs(cIds, 4, new long[8], 0, 3));
    }

    @Test
    void runIdIsStableAndDistinguishesRuns() {
        assertEquals(RunIds.of("walk-001"), RunIds.of("walk-001"));
        assertNotEquals(RunIds.of("walk-001"), RunIds.of("walk-002"));
        assertThrows(IllegalArgumentException.class, () -> RunIds.of(""));
    }

    /** The worked example of tensor-batch-wire-format.md, byte for byte: the documented protocol and the code cannot drift apart. */
    @Test
    void goldenBytesOfTheDocumentedExample() throws Exception {
        UnsafeBuffer b = new UnsafeBuffer(new byte[WireFormat.batchLength(6, 2)]);
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(b, 0).header(0x0102030405060708L, 3, 1, StreamKind.TRAJECTORY, 2);
        int obs = enc.addColumn("obs", 2, 3);
        int rew = enc.addColumn("rew", 2);
        enc.putFloats(obs, new float[] {0f, 1f, 2f, 3f, 4f, 5f}).putFloats(rew, new float[] {1.5f, -2f});
        assertEquals(384, enc.encodedLength());
        StringBuilder dump = new StringBuilder();
        for (int i = 0; i < 384; i += 16) {
            dump.append(String.format("%04x ", i));
            for (int j = 0; j < 16; j++) {
                dump.append(String.format(" %02x", b.getByte(i + j)));
            }
            dump.append('\n');
        }
        assertEquals(GOLDEN, dump.toString());
        String doc;
        try (var in = TensorBatchCodecTest.class.getResourceAsStream("/dev/ampj/sim/wire/tensor-batch-wire-format.md")) {
            doc = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(doc.contains(GOLDEN), "the protocol document shows these bytes");
    }

    private static final String GOLDEN = ""
            + "0000  41 4d 50 54 02 00 40 00 08 07 06 05 04 03 02 01\n"
            + "0010  03 00 00 00 00 00 00 00 01 00 00 00 02 00 02 00\n"
            + "0020  00 00 00 00 01 00 00 00 00 00 00 00 40 01 00 00\n"
            + "0030  40 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0040  03 01 02 00 00 01 00 00 18 00 00 00 02 00 00 00\n"
            + "0050  03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0060  00 00 00 00 00 00 00 00 6f 62 73 00 00 00 00 00\n"
            + "0070  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0080  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0090  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "00a0  03 01 01 00 40 01 00 00 08 00 00 00 02 00 00 00\n"
            + "00b0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "00c0  00 00 00 00 00 00 00 00 72 65 77 00 00 00 00 00\n"
            + "00d0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "00e0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "00f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0100  00 00 00 00 00 00 80 3f 00 00 00 40 00 00 40 40\n"
            + "0110  00 00 80 40 00 00 a0 40 00 00 00 00 00 00 00 00\n"
            + "0120  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0130  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0140  00 00 c0 3f 00 00 00 c0 00 00 00 00 00 00 00 00\n"
            + "0150  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0160  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
            + "0170  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n";
}
