package dev.ampj.storage.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The {@code tensorflow.Event} messages a scalar log needs, protobuf-encoded by hand. Fields used
 * (tensorflow/core/util/event.proto, framework/summary.proto):
 * <pre>
 *   Event   { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
 *   Summary { repeated Value value = 1; }
 *   Value   { string tag = 1; float simple_value = 2; }
 * </pre>
 * TensorBoard reads {@code simple_value} as a scalar. Field order follows the field numbers, as
 * protoc writes it, so equal inputs are equal bytes.
 */
public final class SummaryEvents {

    /** The version string TensorBoard expects in the first event of a file. */
    public static final String FILE_VERSION = "brain.Event:2";

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private SummaryEvents() {}

    /** The first event of every file: {@code file_version = "brain.Event:2"}. */
    public static byte[] fileVersion(double wallTime) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        tag(e, 1, FIXED64);
        fixed64(e, Double.doubleToLongBits(wallTime));
        tag(e, 3, LENGTH_DELIMITED);
        bytes(e, FILE_VERSION.getBytes(StandardCharsets.UTF_8));
        return e.toByteArray();
    }

    /** One event at {@code step} holding a scalar per entry of {@code scalars}, in the map's order. */
    public static byte[] scalars(double wallTime, long step, Map<String, Double> scalars) {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        for (Map.Entry<String, Double> s : scalars.entrySet()) {
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            tag(value, 1, LENGTH_DELIMITED);
            bytes(value, s.getKey().getBytes(StandardCharsets.UTF_8));
            tag(value, 2, FIXED32);
            fixed32(value, Float.floatToIntBits(s.getValue().floatValue()));
            tag(summary, 1, LENGTH_DELIMITED);
            bytes(summary, value.toByteArray());
        }
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        tag(e, 1, FIXED64);
        fixed64(e, Double.doubleToLongBits(wallTime));
        tag(e, 2, VARINT);
        varint(e, step);
        tag(e, 5, LENGTH_DELIMITED);
        bytes(e, summary.toByteArray());
        return e.toByteArray();
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void fixed32(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write((v >>> (8 * i)) & 0xFF);
        }
    }

    private static void fixed64(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) ((v >>> (8 * i)) & 0xFF));
        }
    }

    private static void bytes(ByteArrayOutputStream out, byte[] b) {
        varint(out, b.length);
        out.writeBytes(b);
    }
}
