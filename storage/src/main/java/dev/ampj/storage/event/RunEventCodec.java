package dev.ampj.storage.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary encoding of {@link RunEvent}s: {@code [u16 type tag][u16 schema version][fields…]},
 * little-endian, strings as length + UTF-8, maps as count + entries in their stored order.
 *
 * <p>Adding a field means a new schema version for that type; a reader refuses versions it does
 * not know with {@link UnsupportedSchemaException} rather than misreading them.
 */
public final class RunEventCodec {

    /** The schema version this code writes and the newest it reads, for every type. */
    public static final int SCHEMA_VERSION = 1;

    private RunEventCodec() {}

    public static byte[] encode(RunEvent event) {
        BinaryOut out = new BinaryOut(128);
        encode(event, out, true);
        return out.toByteArray();
    }

    /**
     * The bytes replay compares: the encoding without fields that are not digested (stage timings).
     * Wall-clock time is never inside an event, so it is never digested either.
     */
    public static byte[] digestedBytes(RunEvent event) {
        BinaryOut out = new BinaryOut(128);
        encode(event, out, false);
        return out.toByteArray();
    }

    public static void encode(RunEvent event, BinaryOut out, boolean withUndigested) {
        out.writeShort(event.typeTag());
        out.writeShort(SCHEMA_VERSION);
        if (event instanceof RunCreated e) {
            out.writeString(e.run());
            out.writeString(e.config());
            out.writeLong(e.seed());
            out.writeString(e.forkOf() == null ? null : e.forkOf().parentRun());
            out.writeLong(e.forkOf() == null ? -1 : e.forkOf().iteration());
            out.writeString(e.configDiff());
            writeStrings(out, e.versions());
            writeStrings(out, e.nativeThreads());
            out.writeString(e.host());
            out.writeLong(e.targetIterations());
        } else if (event instanceof IterationOpened e) {
            out.writeLong(e.iteration());
        } else if (event instanceof IterationCommitted e) {
            out.writeLong(e.iteration());
            out.writeLong(e.envSteps());
            out.writeString(e.policyDigest());
            out.writeString(e.discriminatorDigest());
            writeDoubles(out, e.statistics());
            writeDoubles(out, withUndigested ? e.stageMillis() : Map.of());
        } else if (event instanceof CheckpointWritten e) {
            out.writeLong(e.iteration());
            out.writeString(e.blobDigest());
            out.writeLong(e.sizeBytes());
        } else if (event instanceof RunFinished e) {
            out.writeLong(e.lastIteration());
        } else if (event instanceof RunFailed e) {
            out.writeLong(e.lastIteration());
            out.writeString(e.reason());
        } else if (event instanceof RunResumed e) {
            out.writeLong(e.fromIteration());
            out.writeLong(e.targetIterations());
        } else {
            throw new IllegalArgumentException("not a known RunEvent: " + event);
        }
    }

    public static RunEvent decode(byte[] bytes) {
        return decode(new BinaryIn(bytes, 0, bytes.length));
    }

    /** Reads one event; the input must hold exactly that event's bytes or more. */
    public static RunEvent decode(BinaryIn in) {
        int tag = peekedTag(in);
        int version = in.readShort();
        if (version < 1 || version > SCHEMA_VERSION) {
            throw new UnsupportedSchemaException("event " + typeName(tag) + " has schema version " + version
                    + "; this reader supports versions 1.." + SCHEMA_VERSION + " (written by a newer platform?)");
        }
        return switch (tag) {
            case RunCreated.TYPE_TAG -> {
                String run = in.readString();
                String config = in.readString();
                long seed = in.readLong();
                String parent = in.readString();
                long forkIteration = in.readLong();
                String diff = in.readString();
                Map<String, String> versions = readStrings(in);
                Map<String, String> threads = readStrings(in);
                String host = in.readString();
                long target = in.readLong();
                yield new RunCreated(run, config, seed, parent == null ? null : new ForkPoint(parent, forkIteration),
                        diff, versions, threads, host, target);
            }
            case IterationOpened.TYPE_TAG -> new IterationOpened(in.readLong());
            case IterationCommitted.TYPE_TAG -> new IterationCommitted(in.readLong(), in.readLong(), in.readString(),
                    in.readString(), readDoubles(in), readDoubles(in));
            case CheckpointWritten.TYPE_TAG -> new CheckpointWritten(in.readLong(), in.readString(), in.readLong());
            case RunFinished.TYPE_TAG -> new RunFinished(in.readLong());
            case RunFailed.TYPE_TAG -> new RunFailed(in.readLong(), in.readString());
            case RunResumed.TYPE_TAG -> new RunResumed(in.readLong(), in.readLong());
            default -> throw new IllegalStateException("unreachable: tag checked");
        };
    }

    /** Reads the type tag and refuses unknown ones; cheap enough for backward scans. */
    private static int peekedTag(BinaryIn in) {
        int tag = in.readShort();
        if (tag < RunCreated.TYPE_TAG || tag > RunResumed.TYPE_TAG) {
            throw new UnsupportedSchemaException("unknown event type tag " + tag
                    + "; this reader knows 1..7 (RunCreated, IterationOpened, IterationCommitted, CheckpointWritten, RunFinished, RunFailed, RunResumed)");
        }
        return tag;
    }

    /** The type tag of an encoded event without decoding it (first two bytes, little-endian). */
    public static int typeTagOf(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8;
    }

    public static String typeName(int tag) {
        return switch (tag) {
            case RunCreated.TYPE_TAG -> "RunCreated";
            case IterationOpened.TYPE_TAG -> "IterationOpened";
            case IterationCommitted.TYPE_TAG -> "IterationCommitted";
            case CheckpointWritten.TYPE_TAG -> "CheckpointWritten";
            case RunFinished.TYPE_TAG -> "RunFinished";
            case RunFailed.TYPE_TAG -> "RunFailed";
            case RunResumed.TYPE_TAG -> "RunResumed";
            default -> "unknown(" + tag + ")";
        };
    }

    private static void writeStrings(BinaryOut out, Map<String, String> map) {
        out.writeInt(map.size());
        map.forEach((k, v) -> {
            out.writeString(k);
            out.writeString(v);
        });
    }

    private static Map<String, String> readStrings(BinaryIn in) {
        int n = in.readCount(8);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.readString(), in.readString());
        }
        return map;
    }

    private static void writeDoubles(BinaryOut out, Map<String, Double> map) {
        out.writeInt(map.size());
        map.forEach((k, v) -> {
            out.writeString(k);
            out.writeDouble(v);
        });
    }

    private static Map<String, Double> readDoubles(BinaryIn in) {
        int n = in.readCount(12);
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.readString(), in.readDouble());
        }
        return map;
    }
}
