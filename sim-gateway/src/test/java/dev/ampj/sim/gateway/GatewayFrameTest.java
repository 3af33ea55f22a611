package dev.ampj.sim.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frame header as docs/gateway-protocol.md lays it out, and each way a frame is refused. */
class GatewayFrameTest {

    @Test
    void theHeaderIsTheDocumentedLittleEndianLayout() {
        byte[] f = GatewayFrame.of(GatewayFrame.STEP, 0x0102030405060708L, 3, new byte[12]);
        assertEquals(44, f.length);
        assertEquals("AMPG", new String(f, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, b.getShort(4));
        assertEquals(GatewayFrame.STEP, b.getShort(6));
        assertEquals(0x0102030405060708L, b.getLong(8));
        assertEquals(12, b.getInt(16));
        assertEquals(3, b.getInt(20));
        GatewayFrame.Header h = GatewayFrame.decode(f, 12);
        assertEquals(new GatewayFrame.Header(GatewayFrame.STEP, 0x0102030405060708L, 12, 3), h);
    }

    @Test
    void malformedFramesAreRefusedNamingWhy() {
        byte[] f = GatewayFrame.of(GatewayFrame.STEP_RESULT, 1, 1, new byte[8]);
        assertRefused(Arrays.copyOf(f, 20), 8, "truncated frame: 20 bytes");
        assertRefused(Arrays.copyOf(f, f.length - 4), 8, "truncated STEP_RESULT: header announces 8 payload bytes, 4 arrived");
        assertRefused(Arrays.copyOf(f, f.length + 4), 8, "oversized STEP_RESULT: header announces 8 payload bytes, 12 arrived");
        assertRefused(f, 4, "oversized STEP_RESULT: payload of 8 bytes, at most 4 expected");
        byte[] v = f.clone();
        v[4] = 9;
        assertRefused(v, 8, "protocol version 9, this platform speaks version 1");
        byte[] m = f.clone();
        m[0] = 'X';
        assertRefused(m, 8, "bad magic");
        byte[] flags = f.clone();
        flags[24] = 1;
        assertRefused(flags, 8, "flags and reserved header fields must be 0");
    }

    private static void assertRefused(byte[] frame, long max, String expected) {
        GatewayProtocolException e = assertThrows(GatewayProtocolException.class, () -> GatewayFrame.decode(frame, max));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
