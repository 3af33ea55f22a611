package dev.ampj.sim.gateway;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Reads the float32 columns of an OBSERVATION or STEP_RESULT payload (docs/gateway-protocol.md,
 * "Columns"): checks every value of a column before the column is copied anywhere, naming the
 * column, row and column index of the first non-finite value or bad flag.
 */
final class Columns {

    private final String kind;
    private final FloatBuffer floats;
    private final int rows;

    Columns(String kind, byte[] frame, int rows) {
        this.kind = kind;
        this.rows = rows;
        this.floats = ByteBuffer.wrap(frame, GatewayFrame.HEADER_BYTES, frame.length - GatewayFrame.HEADER_BYTES)
                .slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    /** Payload bytes of columns of the given widths over {@code rows} rows. */
    static long bytes(int rows, int... widths) {
        long w = 0;
        for (int x : widths) {
            w += x;
        }
        return 4L * rows * w;
    }

    /** Checks that the next column ({@code rows × width}) is finite; returns its start (floats). */
    int finite(String name, int width) {
        int start = floats.position();
        int n = rows * width;
        for (int i = 0; i < n; i++) {
            float v = floats.get(start + i);
            if (!Float.isFinite(v)) {
                throw new GatewayProtocolException(kind + " column " + name + " row " + i / width + " col " + i % width + ": "
                        + (Float.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity"));
            }
        }
        floats.position(start + n);
        return start;
    }

    /** Checks that the next column ({@code rows}) holds only 0.0 and 1.0; returns its start. */
    int flags(String name) {
        int start = floats.position();
        for (int i = 0; i < rows; i++) {
            float v = floats.get(start + i);
            if (v != 0f && v != 1f) {
                throw new GatewayProtocolException(kind + " column " + name + " row " + i + ": " + v + ", expected 0.0 or 1.0");
            }
        }
        floats.position(start + rows);
        return start;
    }

    /** Copies {@code n} floats from {@code start} into {@code out}. */
    void copy(int start, float[] out, int n) {
        floats.get(start, out, 0, n);
    }

    /** Flag {@code row} of the flag column at {@code start}. */
    boolean flag(int start, int row) {
        return floats.get(start + row) != 0f;
    }
}
