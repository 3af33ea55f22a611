package dev.ampj.sim.gateway;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The gateway protocol's frame (docs/gateway-protocol.md): a 32-byte little-endian header (magic
 * {@code AMPG}, version, kind, sequence, payload bytes, rows, flags, reserved) followed by the payload.
 * One ZeroMQ frame carries one gateway frame.
 */
public final class GatewayFrame {

    public static final int HEADER_BYTES = 32;
    /** "AMPG" read as a little-endian u32. */
    public static final int MAGIC = 0x47504D41;
    public static final int VERSION = 1;

    public static final int HELLO = 1;
    public static final int WELCOME = 2;
    public static final int OBSERVE = 3;
    public static final int STEP = 4;
    public static final int RESET = 5;
    public static final int SNAPSHOT = 6;
    public static final int RESTORE = 7;
    public static final int CLOSE = 8;
    public static final int OBSERVATION = 16;
    public static final int STEP_RESULT = 17;
    public static final int SNAPSHOT_DATA = 18;
    public static final int ERROR = 255;

    private GatewayFrame() {}

    /** The decoded header of a frame whose length, magic and version were checked. */
    public record Header(int kind, long sequence, int payloadBytes, int rows) {}

    /** Name of a message kind, for errors. */
    public static String kindName(int kind) {
        return switch (kind) {
            case HELLO -> "HELLO";
            case WELCOME -> "WELCOME";
            case OBSERVE -> "OBSERVE";
            case STEP -> "STEP";
            case RESET -> "RESET";
            case SNAPSHOT -> "SNAPSHOT";
            case RESTORE -> "RESTORE";
            case CLOSE -> "CLOSE";
            case OBSERVATION -> "OBSERVATION";
            case STEP_RESULT -> "STEP_RESULT";
            case SNAPSHOT_DATA -> "SNAPSHOT_DATA";
            case ERROR -> "ERROR";
            default -> "kind " + kind;
        };
    }

    /** A frame of {@code kind} with room for {@code payloadBytes}, header written, positioned at the payload. */
    public static ByteBuffer allocate(int kind, long sequence, int rows, int payloadBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) VERSION).putShort((short) kind).putLong(sequence)
                .putInt(payloadBytes).putInt(rows).putInt(0).putInt(0);
        return b;
    }

    /** A frame of {@code kind} with {@code payload}. */
    public static byte[] of(int kind, long sequence, int rows, byte[] payload) {
        ByteBuffer b = allocate(kind, sequence, rows, payload.length);
        b.put(payload);
        return b.array();
    }

    /**
     * Decodes and checks the header of {@code frame}: at least a header, magic, version, zero flags
     * and reserved field, a payload length equal to the bytes that follow (shorter: truncated; longer:
     * trailing bytes) and not above {@code maxPayloadBytes} (oversized).
     */
    public static Header decode(byte[] frame, long maxPayloadBytes) {
        if (frame.length < HEADER_BYTES) {
            throw new GatewayProtocolException("truncated frame: " + frame.length + " bytes, shorter than the "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC) {
            throw new GatewayProtocolException(String.format("bad magic 0x%08x, expected 0x%08x (\"AMPG\")", magic, MAGIC));
        }
        int version = Short.toUnsignedInt(b.getShort(4));
        if (version != VERSION) {
            throw new GatewayProtocolException("protocol version " + version + ", this platform speaks version " + VERSION);
        }
        int kind = Short.toUnsignedInt(b.getShort(6));
        long sequence = b.getLong(8);
        long payload = Integer.toUnsignedLong(b.getInt(16));
        int rows = b.getInt(20);
        if (b.getInt(24) != 0 || b.getInt(28) != 0) {
            throw new GatewayProtocolException(kindName(kind) + ": flags and reserved header fields must be 0");
        }
        if (payload > maxPayloadBytes) {
            throw new GatewayProtocolException("oversized " + kindName(kind) + ": payload of " + payload
                    + " bytes, at most " + maxPayloadBytes + " expected");
        }
        long actual = frame.length - HEADER_BYTES;
        if (actual < payload) {
            throw new GatewayProtocolException("truncated " + kindName(kind) + ": header announces " + payload
                    + " payload bytes, " + actual + " arrived");
        }
        if (actual > payload) {
            throw new GatewayProtocolException("oversized " + kindName(kind) + ": header announces " + payload
                    + " payload bytes, " + actual + " arrived");
        }
        return new Header(kind, sequence, (int) payload, rows);
    }
}
