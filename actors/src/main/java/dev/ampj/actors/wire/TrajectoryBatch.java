package dev.ampj.actors.wire;

import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;
import dev.ampj.learner.storage.RolloutColumn.Extent;
import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchDecoder;
import dev.ampj.sim.wire.TensorBatchEncoder;
import dev.ampj.sim.wire.WireFormat;
import java.util.Arrays;
import org.agrona.MutableDirectBuffer;

/**
 * The tensor batch of one shard's trajectory ({@link StreamKind#TRAJECTORY}): one column per
 * {@link RolloutColumn}, in declaration order, under its wire name, with its dtype and its shape:
 * [T, shard envs, width] per step, [shard envs, width] per env, [bytes] for a per-shard blob.
 * Episode ids travel as int64 and env states as uint8, never through float.
 */
public final class TrajectoryBatch {

    private static final RolloutColumn[] COLUMNS = RolloutColumn.values();

    private TrajectoryBatch() {}

    /** The wire dtype code of a column's element type. */
    static int wireDtype(RolloutColumn.Dtype dtype) {
        return switch (dtype) {
            case FLOAT32 -> WireFormat.DTYPE_FLOAT32;
            case INT32 -> WireFormat.DTYPE_INT32;
            case INT64 -> WireFormat.DTYPE_INT64;
            case BYTES -> WireFormat.DTYPE_UINT8;
        };
    }

    /** Wire shape of {@code column} in the batch of a shard of {@code envs} envs ({@code blobLength} for a blob). */
    static int[] shape(RolloutColumn column, int horizon, int envs, LearnerDims dims, int blobLength) {
        return switch (column.extent()) {
            case PER_STEP -> new int[] {horizon, envs, column.width(dims)};
            case PER_ENV -> new int[] {envs, column.width(dims)};
            case PER_SHARD -> new int[] {blobLength};
        };
    }

    private static int[] shape(RolloutColumn column, ShardTrajectory s) {
        int blob = column.extent() == Extent.PER_SHARD ? s.blob(column).length : 0;
        return shape(column, s.horizon, s.numEnvs, s.dims, blob);
    }

    private static long dataLength(RolloutColumn column, ShardTrajectory s) {
        long elements = 1;
        for (int d : shape(column, s)) {
            elements *= d;
        }
        return elements * WireFormat.elementBytes(wireDtype(column.dtype()));
    }

    /** Bytes {@link #encode} needs for {@code s}. */
    public static int encodedLength(ShardTrajectory s) {
        long[] lengths = new long[COLUMNS.length];
        for (RolloutColumn c : COLUMNS) {
            lengths[c.ordinal()] = dataLength(c, s);
        }
        return WireFormat.batchLengthOfBytes(lengths);
    }

    /** Encodes {@code s} at offset 0 of {@code buffer}; returns the batch length. */
    public static int encode(ShardTrajectory s, long runId, long iteration, int shard, MutableDirectBuffer buffer) {
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(buffer, 0);
        enc.header(runId, iteration, shard, StreamKind.TRAJECTORY, COLUMNS.length);
        Rollout rows = s.rollout();
        for (RolloutColumn c : COLUMNS) {
            int col = enc.addColumn(c.wireName(), wireDtype(c.dtype()), shape(c, s));
            int count = enc.elementCount(col);
            switch (c.dtype()) {
                case FLOAT32 -> enc.putFloats(col, 0, rows.floats(c), 0, count);
                case INT32 -> enc.putInts(col, 0, rows.ints(c), 0, count);
                case INT64 -> enc.putLongs(col, 0, rows.longs(c), 0, count);
                case BYTES -> enc.putBytes(col, 0, s.blob(c), 0, count);
            }
        }
        return enc.encodedLength();
    }

    /**
     * Reads a decoded shard batch straight into the run-wide {@code rollout} at the shard's block of
     * env ids ({@code firstEnv}, {@code shardEnvs} envs): each step's range of each column lands in
     * its rows, with no intermediate copy; the per-shard blobs are stored under the batch's shard.
     */
    public static void decodeInto(TensorBatchDecoder batch, RolloutBuffer rollout, int firstEnv, int shardEnvs) {
        Rollout rows = rollout.rollout();
        int t = rows.horizon();
        int n = rows.numEnvs();
        LearnerDims dims = rollout.dims();
        for (RolloutColumn c : COLUMNS) {
            int col = batch.requireColumn(c.wireName());
            if (c.extent() == Extent.PER_SHARD) {
                requireShape(batch, col, c, null);
                byte[] blob = new byte[batch.elementCount(col)];
                batch.getBytes(col, 0, blob, 0, blob.length);
                rollout.setBlob(c, batch.shardIndex(), blob);
                continue;
            }
            requireShape(batch, col, c, shape(c, t, shardEnvs, dims, 0));
            int width = c.width(dims);
            int block = shardEnvs * width;
            if (c.extent() == Extent.PER_ENV) {
                read(batch, col, c, rows, 0, firstEnv * width, block);
            } else {
                for (int step = 0; step < t; step++) {
                    read(batch, col, c, rows, step * block, (step * n + firstEnv) * width, block);
                }
            }
        }
    }

    private static void read(TensorBatchDecoder batch, int col, RolloutColumn c, Rollout rows, int from, int to, int count) {
        switch (c.dtype()) {
            case FLOAT32 -> batch.getFloats(col, from, rows.floats(c), to, count);
            case INT32 -> batch.getInts(col, from, rows.ints(c), to, count);
            case INT64 -> batch.getLongs(col, from, rows.longs(c), to, count);
            case BYTES -> throw new IllegalStateException(c.wireName() + ": byte columns are per-shard blobs");
        }
    }

    /** {@code expected} null: any rank-1 shape (a blob of any length). */
    private static void requireShape(TensorBatchDecoder batch, int col, RolloutColumn c, int[] expected) {
        int[] actual = new int[batch.rank(col)];
        for (int d = 0; d < actual.length; d++) {
            actual[d] = batch.dim(col, d);
        }
        int dtype = wireDtype(c.dtype());
        boolean shapeOk = expected == null ? actual.length == 1 : Arrays.equals(actual, expected);
        if (batch.dtype(col) != dtype || !shapeOk) {
            throw new IllegalArgumentException("trajectory batch of shard " + batch.shardIndex() + ", iteration "
                    + batch.iteration() + ": column " + c.wireName() + " is " + WireFormat.dtypeName(batch.dtype(col))
                    + " " + Arrays.toString(actual) + ", expected " + WireFormat.dtypeName(dtype) + " "
                    + (expected == null ? "[bytes]" : Arrays.toString(expected)));
        }
    }
}
