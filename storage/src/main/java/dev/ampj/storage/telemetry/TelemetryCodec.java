package dev.ampj.storage.telemetry;

import dev.ampj.storage.event.BinaryIn;
import dev.ampj.storage.event.BinaryOut;
import dev.ampj.storage.event.Crc32c;
import dev.ampj.storage.event.MalformedDocumentException;
import dev.ampj.storage.event.UnsupportedSchemaException;

/**
 * Telemetry document: {@code int magic 'AMPT', byte version, long iteration, long step, int shard,
 * int n, n×int envId, n×long episodeId, 4 × n×float (task reward, discriminator score, style
 * reward, combined reward), n×byte done, [version 2: int ampDim, n×ampDim×float AMP states],
 * int CRC32C}. Version 1 documents read as batches without AMP states.
 */
final class TelemetryCodec {

    static final int MAGIC = 0x54504D41; // "AMPT" little-endian
    static final int VERSION = 2;

    private TelemetryCodec() {}

    static void encode(TelemetryBatch b, BinaryOut out) {
        out.reset();
        out.writeInt(MAGIC);
        out.writeByte(VERSION);
        out.writeLong(b.iteration());
        out.writeLong(b.step());
        out.writeInt(b.shard());
        int n = b.size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeInt(b.envIds()[i]);
        }
        for (int i = 0; i < n; i++) {
            out.writeLong(b.episodeIds()[i]);
        }
        for (float[] col : new float[][] {b.taskReward(), b.discriminatorScore(), b.styleReward(), b.combinedReward()}) {
            for (int i = 0; i < n; i++) {
                out.writeFloat(col[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            out.writeByte(b.done()[i] ? 1 : 0);
        }
        out.writeInt(b.ampDim());
        for (float v : b.ampStates()) {
            out.writeFloat(v);
        }
        Crc32c.seal(out);
    }

    static TelemetryBatch decode(byte[] raw) {
        if (raw.length < 37) {
            throw new MalformedDocumentException("telemetry document of " + raw.length + " bytes is shorter than its header");
        }
        Crc32c.verify(raw);
        BinaryIn in = new BinaryIn(raw, 0, raw.length - 4);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new MalformedDocumentException("not a telemetry document (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int version = in.readByte();
        if (version < 1 || version > VERSION) {
            throw new UnsupportedSchemaException("telemetry document version " + version + "; this reader supports 1 to " + VERSION);
        }
        long iteration = in.readLong();
        long step = in.readLong();
        int shard = in.readInt();
        int n = in.readCount(29); // 4 + 8 + 4 × 4 + 1 bytes per record
        int[] env = new int[n];
        long[] episode = new long[n];
        float[][] cols = new float[4][n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            env[i] = in.readInt();
        }
        for (int i = 0; i < n; i++) {
            episode[i] = in.readLong();
        }
        for (float[] col : cols) {
            for (int i = 0; i < n; i++) {
                col[i] = in.readFloat();
            }
        }
        for (int i = 0; i < n; i++) {
            done[i] = in.readByte() != 0;
        }
        int ampDim = 0;
        float[] amp = new float[0];
        if (version >= 2) {
            ampDim = in.readInt();
            if (ampDim < 0 || (long) ampDim * n * 4 > in.remaining()) {
                throw new MalformedDocumentException("implausible AMP state dimension " + ampDim + " for " + n + " records with "
                        + in.remaining() + " bytes left");
            }
            amp = new float[ampDim * n];
            for (int i = 0; i < amp.length; i++) {
                amp[i] = in.readFloat();
            }
        }
        if (in.remaining() != 0) {
            throw new MalformedDocumentException(in.remaining() + " unexpected trailing bytes");
        }
        return new TelemetryBatch(iteration, step, shard, env, episode, cols[0], cols[1], cols[2], cols[3], done, ampDim, amp);
    }
}
