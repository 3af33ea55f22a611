package dev.ampj.ops.export;

import dev.ampj.common.ProtoWriter;
import dev.ampj.learner.config.Activation;
import dev.ampj.learner.nn.PolicyArchitecture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The deterministic policy (the actor's mean action) as an ONNX model, protobuf-encoded by hand
 * (onnx/onnx.proto3, IR version 8, opset 17). One input {@code obs} [batch, policyObs] of raw
 * observations, one output {@code actions} [batch, actions]:
 * <pre>
 *   x = (obs - obs_mean) / obs_denom          Sub, Div   (the policy's observation normaliser)
 *   h_i = act(h_{i-1} W_i + b_i)              Gemm, Elu | Relu | Tanh
 *   actions = h_last W_out + b_out            Gemm
 * </pre>
 * exactly the computation of the platform's {@code PolicyInference} on the policy snapshot
 * {@code [actor | std | critic | obsMean | obsDenom | ...]}; weights are stored [in, out], which is
 * Gemm's B without transposition.
 */
public final class OnnxPolicy {

    static final int IR_VERSION = 8;
    static final int OPSET = 17;
    private static final int FLOAT = 1;
    private static final int ATTRIBUTE_FLOAT = 1;

    private OnnxPolicy() {}

    /** The model for {@code snapshot} of architecture {@code arch}; {@code doc} says where it came from. */
    public static byte[] model(PolicyArchitecture arch, float[] snapshot, String doc) {
        if (snapshot.length != arch.snapshotLength()) {
            throw new IllegalArgumentException("policy snapshot: expected " + arch.snapshotLength() + " floats, got "
                    + snapshot.length);
        }
        int[] sizes = arch.actorSizes();
        int dp = arch.dims().policyObs();
        int normalizer = arch.networkParameters();
        ProtoWriter graph = new ProtoWriter();
        graph.message(1, node("Sub", "normalize_sub", new String[] {"obs", "obs_mean"}, "obs_centered"));
        graph.message(1, node("Div", "normalize_div", new String[] {"obs_centered", "obs_denom"}, "h0"));
        int layers = sizes.length - 1;
        for (int i = 0; i < layers; i++) {
            boolean last = i == layers - 1;
            String z = last ? "actions" : "z" + (i + 1);
            graph.message(1, node("Gemm", "linear_" + i, new String[] {"h" + i, "W" + i, "b" + i}, z));
            if (!last) {
                graph.message(1, activation(arch.activation(), i, z, "h" + (i + 1)));
            }
        }
        graph.string(2, "amp_policy");
        graph.message(5, tensor("obs_mean", new long[] {dp}, snapshot, normalizer, dp));
        graph.message(5, tensor("obs_denom", new long[] {dp}, snapshot, normalizer + dp, dp));
        int at = 0;
        for (int i = 0; i < layers; i++) {
            int w = sizes[i] * sizes[i + 1];
            graph.message(5, tensor("W" + i, new long[] {sizes[i], sizes[i + 1]}, snapshot, at, w));
            at += w;
            graph.message(5, tensor("b" + i, new long[] {sizes[i + 1]}, snapshot, at, sizes[i + 1]));
            at += sizes[i + 1];
        }
        graph.string(10, doc);
        graph.message(11, valueInfo("obs", dp));
        graph.message(12, valueInfo("actions", sizes[layers]));
        return new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "amp")
                .string(3, "1")
                .string(6, doc)
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
                .toByteArray();
    }

    private static ProtoWriter node(String op, String name, String[] inputs, String output) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        return n.string(2, output).string(3, name).string(4, op);
    }

    private static ProtoWriter activation(Activation a, int layer, String in, String out) {
        return switch (a) {
            case ELU -> node("Elu", "elu_" + layer, new String[] {in}, out)
                    .message(5, new ProtoWriter().string(1, "alpha").float32(2, 1.0f).varint(20, ATTRIBUTE_FLOAT));
            case RELU -> node("Relu", "relu_" + layer, new String[] {in}, out);
            case TANH -> node("Tanh", "tanh_" + layer, new String[] {in}, out);
        };
    }

    /** A float32 initializer from {@code values[from, from + n)}, little-endian raw data. */
    private static ProtoWriter tensor(String name, long[] dims, float[] values, int from, int n) {
        ByteBuffer raw = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            raw.putFloat(values[from + i]);
        }
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    /** A float tensor input/output of shape [batch, width] (batch symbolic). */
    private static ProtoWriter valueInfo(String name, int width) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "batch"))
                .message(1, new ProtoWriter().varint(1, width));
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
