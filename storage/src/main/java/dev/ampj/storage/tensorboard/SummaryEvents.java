package dev.ampj.storage.tensorboard;

import dev.ampj.common.ProtoWriter;
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

    private SummaryEvents() {}

    /** The first event of every file: {@code file_version = "brain.Event:2"}. */
    public static byte[] fileVersion(double wallTime) {
        return new ProtoWriter().float64(1, wallTime).string(3, FILE_VERSION).toByteArray();
    }

    /** One event at {@code step} holding a scalar per entry of {@code scalars}, in the map's order. */
    public static byte[] scalars(double wallTime, long step, Map<String, Double> scalars) {
        ProtoWriter summary = new ProtoWriter();
        for (Map.Entry<String, Double> s : scalars.entrySet()) {
            summary.message(1, new ProtoWriter().string(1, s.getKey()).float32(2, s.getValue().floatValue()));
        }
        return new ProtoWriter().float64(1, wallTime).varint(2, step).message(5, summary).toByteArray();
    }
}
