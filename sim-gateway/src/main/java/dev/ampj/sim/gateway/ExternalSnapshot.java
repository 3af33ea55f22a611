package dev.ampj.sim.gateway;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A shard state of an external simulator: format, whether it restores exactly, the env ids, the
 * platform's episode counters, and (exact only) the client's opaque SNAPSHOT_DATA.
 *
 * <pre>
 * u32 magic "AMXS" | u32 format (1) | u32 exact (0/1) | u32 N | i32 × N env ids
 * | i64 × N episode | i32 × N episode step | u32 client bytes | client bytes
 * </pre>
 */
record ExternalSnapshot(boolean exact, int[] envIds, long[] episodes, int[] episodeSteps, byte[] client) {

    static final int MAGIC = 0x53584D41; // "AMXS" little-endian
    static final int FORMAT = 1;

    byte[] encode() {
        int n = envIds.length;
        ByteBuffer b = ByteBuffer.allocate(20 + n * 16 + client.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(FORMAT).putInt(exact ? 1 : 0).putInt(n);
        for (int id : envIds) {
            b.putInt(id);
        }
        for (long e : episodes) {
            b.putLong(e);
        }
        for (int s : episodeSteps) {
            b.putInt(s);
        }
        b.putInt(client.length).put(client);
        return b.array();
    }

    /** Decodes {@code bytes}, refusing another format or other env ids with the reason. */
    static ExternalSnapshot decode(byte[] bytes, int[] expectedIds) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 16 || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not an external simulator's shard state (magic \"AMXS\" expected): a run"
                    + " started on an embedded engine cannot continue with amp.sim.engine = external");
        }
        int format = b.getInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException("external shard state format " + format + ", this build reads " + FORMAT);
        }
        boolean exact = b.getInt() == 1;
        int n = b.getInt();
        if (n != expectedIds.length || bytes.length < 20 + 16L * n) {
            throw new IllegalArgumentException("external shard state holds " + n + " envs, the shard " + expectedIds.length);
        }
        int[] ids = new int[n];
        long[] episodes = new long[n];
        int[] steps = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = b.getInt();
        }
        if (!Arrays.equals(ids, expectedIds)) {
            throw new IllegalArgumentException("external shard state is for env ids " + ids[0] + ".." + ids[n - 1]
                    + ", the shard owns " + expectedIds[0] + ".." + expectedIds[n - 1]);
        }
        for (int i = 0; i < n; i++) {
            episodes[i] = b.getLong();
        }
        for (int i = 0; i < n; i++) {
            steps[i] = b.getInt();
        }
        int len = b.getInt();
        if (len != b.remaining()) {
            throw new IllegalArgumentException("external shard state: " + len + " client bytes announced, " + b.remaining()
                    + " present");
        }
        byte[] client = new byte[len];
        b.get(client);
        return new ExternalSnapshot(exact, ids, episodes, steps, client);
    }
}
