package dev.ampj.sim.task;

import java.nio.ByteBuffer;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One field of an env's snapshot block: its size and how it is written, checked and read. A check
 * reads past the field without changing anything and names what is wrong, so a restore can refuse
 * a corrupt block before touching any env. The factories bind a field to the state it holds once;
 * writing, checking and reading then allocate nothing.
 */
interface SnapshotField {

    String name();

    int bytes();

    void write(ByteBuffer out);

    /** Reads past the field; null when it is valid, otherwise what is wrong with it. */
    String check(ByteBuffer in);

    void read(ByteBuffer in);

    /** Validity of a value, as a problem message or null. */
    @FunctionalInterface
    interface IntCheck {
        String problem(int v);
    }

    @FunctionalInterface
    interface LongCheck {
        String problem(long v);
    }

    static SnapshotField ofInt(String name, IntSupplier get, IntConsumer set, IntCheck check) {
        return new SnapshotField() {
            public String name() { return name; }
            public int bytes() { return 4; }
            public void write(ByteBuffer out) { out.putInt(get.getAsInt()); }
            public String check(ByteBuffer in) { return check.problem(in.getInt()); }
            public void read(ByteBuffer in) { set.accept(in.getInt()); }
        };
    }

    static SnapshotField ofLong(String name, LongSupplier get, LongConsumer set, LongCheck check) {
        return new SnapshotField() {
            public String name() { return name; }
            public int bytes() { return 8; }
            public void write(ByteBuffer out) { out.putLong(get.getAsLong()); }
            public String check(ByteBuffer in) { return check.problem(in.getLong()); }
            public void read(ByteBuffer in) { set.accept(in.getLong()); }
        };
    }

    /** One double, valid when finite. */
    static SnapshotField ofDouble(String name, DoubleSupplier get, DoubleConsumer set) {
        return new SnapshotField() {
            public String name() { return name; }
            public int bytes() { return 8; }
            public void write(ByteBuffer out) { out.putDouble(get.getAsDouble()); }
            public String check(ByteBuffer in) {
                double v = in.getDouble();
                return Double.isFinite(v) ? null : "non-finite " + name + " " + v;
            }
            public void read(ByteBuffer in) { set.accept(in.getDouble()); }
        };
    }

    /** The floats of {@code values}, valid when all are finite. */
    static SnapshotField ofFloats(String name, float[] values) {
        return ofFloats(name, values, values.length);
    }

    /** The first {@code count} floats of {@code values}, valid when all are finite. */
    static SnapshotField ofFloats(String name, float[] values, int count) {
        return new SnapshotField() {
            public String name() { return name; }
            public int bytes() { return 4 * count; }
            public void write(ByteBuffer out) {
                for (int i = 0; i < count; i++) {
                    out.putFloat(values[i]);
                }
            }
            public String check(ByteBuffer in) {
                boolean ok = true;
                for (int i = 0; i < count; i++) {
                    ok &= Float.isFinite(in.getFloat());
                }
                return ok ? null : "non-finite " + name;
            }
            public void read(ByteBuffer in) {
                for (int i = 0; i < count; i++) {
                    values[i] = in.getFloat();
                }
            }
        };
    }

    /**
     * The doubles of {@code values}, valid when all are finite; {@code fill} runs before a write
     * (values := the source's), {@code apply} after a read (the source := values).
     */
    static SnapshotField ofDoubles(String name, double[] values, Runnable fill, Runnable apply) {
        return new SnapshotField() {
            public String name() { return name; }
            public int bytes() { return 8 * values.length; }
            public void write(ByteBuffer out) {
                fill.run();
                for (double v : values) {
                    out.putDouble(v);
                }
            }
            public String check(ByteBuffer in) {
                boolean ok = true;
                for (int i = 0; i < values.length; i++) {
                    ok &= Double.isFinite(in.getDouble());
                }
                return ok ? null : "non-finite " + name;
            }
            public void read(ByteBuffer in) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.getDouble();
                }
                apply.run();
            }
        };
    }

    /**
     * Counts in {@code 0 .. max}, one byte each, one per {@code element} ("geom"); {@code fill} and
     * {@code apply} as in {@link #ofDoubles}.
     */
    static SnapshotField ofCounts(String name, String element, int[] values, int max, Runnable fill, Runnable apply) {
        return new SnapshotField() {
            public String name() { return name; }
            public int bytes() { return values.length; }
            public void write(ByteBuffer out) {
                fill.run();
                for (int v : values) {
                    out.put((byte) v);
                }
            }
            public String check(ByteBuffer in) {
                String problem = null;
                for (int i = 0; i < values.length; i++) {
                    int c = in.get();
                    if (problem == null && (c < 0 || c > max)) {
                        problem = c + " " + name + " on " + element + " " + i + " (0.." + max + ")";
                    }
                }
                return problem;
            }
            public void read(ByteBuffer in) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.get();
                }
                apply.run();
            }
        };
    }

    /** The frames of {@code history} older than the newest (the newest is recomputed on restore). */
    static SnapshotField ofHistory(String name, ObsHistory history) {
        return new SnapshotField() {
            public String name() { return name; }
            public int bytes() { return 4 * history.olderFloats(); }
            public void write(ByteBuffer out) { history.writeOlder(out); }
            public String check(ByteBuffer in) { return history.checkOlder(in) ? null : "non-finite " + name; }
            public void read(ByteBuffer in) { history.readOlder(in); }
        };
    }
}
