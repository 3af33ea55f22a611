package dev.ampj.storage.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ampj.storage.event.BinaryOut;
import dev.ampj.storage.event.Crc32c;
import dev.ampj.storage.event.MalformedDocumentException;
import org.junit.jupiter.api.Test;

/** Version 2 documents carry each record's AMP state; version 1 documents still read, without it. */
class TelemetryCodecTest {

    private static TelemetryBatch withStates() {
        float[] states = new float[3 * 4];
        for (int i = 0; i < states.length; i++) {
            states[i] = 0.25f * i - 1;
        }
        return new TelemetryBatch(5, 77, 1, new int[] {4, 5, 6}, new long[] {1, 2, 3}, new float[] {0.1f, 0.2f, 0.3f},
                new float[] {-1, 0, 1}, new float[] {0.5f, 0.6f, 0.7f}, new float[] {0.3f, 0.4f, 0.5f},
                new boolean[] {false, true, false}, 4, states);
    }

    @Test
    void ampStatesRoundTrip() {
        TelemetryBatch b = withStates();
        BinaryOut out = new BinaryOut(256);
        TelemetryCodec.encode(b, out);
        TelemetryBatch back = TelemetryCodec.decode(out.toByteArray());
        assertEquals(4, back.ampDim());
        assertArrayEquals(b.ampStates(), back.ampStates());
        float[] row = new float[4];
        back.ampState(2, row);
        assertArrayEquals(new float[] {1, 1.25f, 1.5f, 1.75f}, row);
        assertArrayEquals(b.styleReward(), back.styleReward());
        assertArrayEquals(b.done(), back.done());
    }

    @Test
    void versionOneDocumentsReadWithoutStates() {
        BinaryOut out = new BinaryOut(128);
        out.writeInt(TelemetryCodec.MAGIC);
        out.writeByte(1);
        out.writeLong(2);
        out.writeLong(9);
        out.writeInt(0);
        out.writeInt(1);
        out.writeInt(3);
        out.writeLong(4);
        for (float v : new float[] {0.5f, -0.5f, 0.75f, 0.625f}) {
            out.writeFloat(v);
        }
        out.writeByte(1);
        Crc32c.seal(out);
        TelemetryBatch b = TelemetryCodec.decode(out.toByteArray());
        assertEquals(0, b.ampDim());
        assertEquals(0, b.ampStates().length);
        assertEquals(0.75f, b.styleReward()[0]);
        assertEquals(3, b.envIds()[0]);
    }

    @Test
    void statesOfTheWrongSizeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TelemetryBatch(1, 0, 0,
                new int[] {0, 1}, new long[2], new float[2], new float[2], new float[2], new float[2], new boolean[2], 3, new float[5]));
        assertEquals("telemetry batch AMP states: 5 floats for 2 records of dimension 3", e.getMessage());
    }

    @Test
    void aTruncatedStateColumnIsMalformed() {
        BinaryOut out = new BinaryOut(256);
        TelemetryCodec.encode(withStates(), out);
        byte[] raw = out.toByteArray();
        // claim a dimension far larger than the bytes left, and re-seal so only the count is wrong
        BinaryOut forged = new BinaryOut(256);
        int dimAt = raw.length - 4 - 3 * 4 * 4 - 4;
        for (int i = 0; i < raw.length - 4; i++) {
            forged.writeByte(raw[i]);
        }
        forged.putInt(dimAt, 1000);
        Crc32c.seal(forged);
        assertThrows(MalformedDocumentException.class, () -> TelemetryCodec.decode(forged.toByteArray()));
    }
}
