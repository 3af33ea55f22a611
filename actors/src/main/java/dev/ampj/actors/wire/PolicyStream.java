package dev.ampj.actors.wire;

import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchEncoder;
import dev.ampj.sim.wire.WireFormat;
import org.agrona.MutableDirectBuffer;

/** The tensor-batch schema of θk on the policy stream: one float32 column, the flat policy snapshot. */
public final class PolicyStream {

    public static final String COLUMN = "policy";

    private PolicyStream() {}

    public static int encodedLength(float[] snapshot) {
        return WireFormat.batchLength(snapshot.length);
    }

    /** Encodes θ of {@code iteration} at offset 0 of {@code buffer}; returns the batch length. */
    public static int encode(float[] snapshot, long runId, long iteration, MutableDirectBuffer buffer) {
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(buffer, 0);
        enc.header(runId, iteration, 0, StreamKind.POLICY_PARAMS, 1);
        enc.putFloats(enc.addColumn(COLUMN, snapshot.length), snapshot);
        return enc.encodedLength();
    }
}
