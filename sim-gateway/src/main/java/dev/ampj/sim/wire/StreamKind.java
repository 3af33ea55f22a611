package dev.ampj.sim.wire;

/** What a tensor batch carries; the code is its wire value (header field {@code streamKind}). */
public enum StreamKind {
    /** Policy parameters θk, learner → sim shards. */
    POLICY_PARAMS(1),
    /** One shard's rollout columns (obs, actions, log-probs, values, task rewards, AMP obs ...), sim shard → learner. */
    TRAJECTORY(2),
    /** Style rewards of a rollout scored by the discriminator. */
    STYLE_REWARDS(3),
    /** Discriminator parameters Dk. */
    DISCRIMINATOR_PARAMS(4);

    private static final StreamKind[] BY_CODE = new StreamKind[5];

    static {
        for (StreamKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;

    StreamKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind with this wire code, or null when the code is unknown (no allocation). */
    public static StreamKind fromCodeOrNull(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The kind with this wire code; a clear {@link WireFormatException} when unknown. */
    public static StreamKind fromCode(int code) {
        StreamKind k = fromCodeOrNull(code);
        if (k == null) {
            throw new WireFormatException("unknown stream kind code " + code + ", expected 1.." + (BY_CODE.length - 1));
        }
        return k;
    }
}
