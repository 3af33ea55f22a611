package dev.ampj.actors.transport;

/**
 * Type ids of the data plane's Aeron counters. They live in the driver's CnC file, so
 * {@code AeronStat} and any tool reading the counters see them beside Aeron's own.
 */
public final class TransportCounters {

    public static final int TX_BYTES = 1_100_001;
    public static final int TX_CHUNKS = 1_100_002;
    public static final int TX_BATCHES = 1_100_003;
    public static final int TX_BACK_PRESSURE = 1_100_004;
    public static final int RX_BYTES = 1_100_011;
    public static final int RX_CHUNKS = 1_100_012;
    public static final int RX_BATCHES = 1_100_013;
    public static final int RX_REJECTED = 1_100_014;

    private TransportCounters() {}

    static String label(String what, String channel, int streamId) {
        return "amp " + what + ": " + channel + " stream=" + streamId;
    }
}
