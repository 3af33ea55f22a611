package dev.ampj.sim.task;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The layout of one env's snapshot block: its fields in order, declared once, used by the writer,
 * the check and the reader alike. The first {@link #dynamicsBytes()} bytes are the state the
 * dynamics run on (what an env's state hash covers); the rest is what only observations and
 * readouts depend on.
 */
final class EnvSnapshot {

    private final String block;
    private final SnapshotField[] fields;
    private final int dynamicsBytes;
    private final int bytes;

    /**
     * @param block    the block's name in errors ("snapshot block of env 3")
     * @param dynamics the fields the dynamics run on, in order
     * @param derived  the fields that follow, in order
     */
    EnvSnapshot(String block, List<SnapshotField> dynamics, List<SnapshotField> derived) {
        this.block = block;
        this.dynamicsBytes = dynamics.stream().mapToInt(SnapshotField::bytes).sum();
        this.bytes = dynamicsBytes + derived.stream().mapToInt(SnapshotField::bytes).sum();
        this.fields = java.util.stream.Stream.concat(dynamics.stream(), derived.stream()).toArray(SnapshotField[]::new);
    }

    int bytes() {
        return bytes;
    }

    int dynamicsBytes() {
        return dynamicsBytes;
    }

    /** Field names in block order. */
    List<String> names() {
        return java.util.Arrays.stream(fields).map(SnapshotField::name).toList();
    }

    void write(ByteBuffer out) {
        for (SnapshotField f : fields) {
            f.write(out);
        }
    }

    /** Reads past a block; a field that is not valid fails, naming the block and the field. */
    void check(ByteBuffer in) {
        for (SnapshotField f : fields) {
            String problem = f.check(in);
            if (problem != null) {
                throw new IllegalArgumentException(block + " is corrupt: " + problem);
            }
        }
    }

    void read(ByteBuffer in) {
        for (SnapshotField f : fields) {
            f.read(in);
        }
    }
}
