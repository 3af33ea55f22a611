package dev.ampj.actors.transport;

import com.typesafe.config.Config;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * Settings of the Aeron tensor data plane, read once from {@code amp.actors.transport} (documented
 * in the module's reference.conf). Every value is checked here so that a bad one fails at start-up
 * with the key and the value, never later inside Aeron.
 */
public record TransportSettings(
        Path aeronDir,
        String nodeName,
        String channel,
        int policyStreamId,
        int trajectoryStreamId,
        int styleRewardStreamId,
        int termLength,
        int maxMessageSize,
        int ipcMtu,
        int udpMtu,
        int udpReceiverWindow,
        int udpSocketBuffer,
        Duration publicationTimeout,
        Duration driverTimeout,
        int fragmentLimit,
        Idle idle) {

    public static final String PATH = "amp.actors.transport";

    /** Back-off idle strategy parameters: spin, then yield, then park between min-park and max-park. */
    public record Idle(int maxSpins, int maxYields, Duration minPark, Duration maxPark) {
        static final List<String> KEYS = List.of("max-spins", "max-yields", "min-park", "max-park");

        public IdleStrategy newStrategy() {
            return new BackoffIdleStrategy(maxSpins, maxYields, minPark.toNanos(), maxPark.toNanos());
        }
    }

    static final List<String> KEYS = List.of("aeron-dir", "node-name", "channel", "policy-stream-id",
            "trajectory-stream-id", "style-reward-stream-id", "term-length", "max-message-size", "ipc-mtu", "udp-mtu",
            "udp-receiver-window", "udp-socket-buffer", "publication-timeout", "driver-timeout", "fragment-limit", "idle");

    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Aeron's hard limits: frames are 32-byte aligned, the largest is 65504 bytes. */
    private static final int MAX_MTU = 65504;
    /** The first fragment of every message must hold the 64-byte chunk header after Aeron's 32-byte frame header. */
    private static final int MIN_MTU = 128;
    private static final int MIN_MESSAGE = 4096;
    private static final int AERON_MAX_MESSAGE = 16 * 1024 * 1024;

    public TransportSettings {
        requireStreamIds(policyStreamId, trajectoryStreamId, styleRewardStreamId);
        if (!NODE_NAME.matcher(nodeName).matches()) {
            throw bad("node-name", nodeName, "1-64 characters of [A-Za-z0-9._-] (it names the driver directory)");
        }
        if (termLength < 64 * 1024 || termLength > (1 << 30) || Integer.bitCount(termLength) != 1) {
            throw bad("term-length", termLength, "a power of two between 64 KiB and 1 GiB");
        }
        if (maxMessageSize < MIN_MESSAGE || maxMessageSize > Math.min(termLength / 8, AERON_MAX_MESSAGE)) {
            throw bad("max-message-size", maxMessageSize, MIN_MESSAGE + " .. min(term-length/8, 16 MiB) = "
                    + Math.min(termLength / 8, AERON_MAX_MESSAGE) + " bytes (Aeron's message limit for term-length " + termLength + ")");
        }
        checkMtu("ipc-mtu", ipcMtu);
        checkMtu("udp-mtu", udpMtu);
        if (udpReceiverWindow <= 0 || udpSocketBuffer <= 0) {
            throw bad("udp-receiver-window/udp-socket-buffer", udpReceiverWindow + "/" + udpSocketBuffer, "positive sizes");
        }
        if (publicationTimeout.isNegative() || publicationTimeout.isZero() || driverTimeout.isNegative() || driverTimeout.isZero()) {
            throw bad("publication-timeout/driver-timeout", publicationTimeout + "/" + driverTimeout, "positive durations");
        }
        if (fragmentLimit < 1) {
            throw bad("fragment-limit", fragmentLimit, "at least 1");
        }
        if (idle.maxSpins() < 0 || idle.maxYields() < 0 || idle.minPark().isNegative() || idle.maxPark().compareTo(idle.minPark()) < 0) {
            throw bad("idle", idle, "non-negative spins/yields and 0 <= min-park <= max-park");
        }
        if (idle.maxPark().isZero()) {
            throw bad("idle.max-park", idle.maxPark(), "a positive park time: pure busy-spin starves the driver on small machines");
        }
        baseChannel(channel);
    }

    /** Reads {@code amp.actors.transport} of an application config (reference.conf supplies defaults). */
    public static TransportSettings fromConfig(Config root) {
        Config c = root.getConfig(PATH);
        rejectUnknown(c, KEYS, PATH);
        Config i = c.getConfig("idle");
        rejectUnknown(i, Idle.KEYS, PATH + ".idle");
        String node = c.getString("node-name");
        String dir = c.getString("aeron-dir");
        return new TransportSettings(
                dir.isBlank() ? defaultAeronDir(node) : Path.of(dir),
                node,
                c.getString("channel"),
                c.getInt("policy-stream-id"),
                c.getInt("trajectory-stream-id"),
                c.getInt("style-reward-stream-id"),
                bytes(c, "term-length"),
                bytes(c, "max-message-size"),
                c.getInt("ipc-mtu"),
                c.getInt("udp-mtu"),
                bytes(c, "udp-receiver-window"),
                bytes(c, "udp-socket-buffer"),
                c.getDuration("publication-timeout"),
                c.getDuration("driver-timeout"),
                c.getInt("fragment-limit"),
                new Idle(i.getInt("max-spins"), i.getInt("max-yields"), i.getDuration("min-park"), i.getDuration("max-park")));
    }

    /** {@code /dev/shm/amp-<user>-<node>} when /dev/shm exists (memory-backed), else under java.io.tmpdir. */
    public static Path defaultAeronDir(String nodeName) {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("amp-" + user + "-" + nodeName);
    }

    /** A copy with another channel (e.g. a per-node UDP endpoint announced by actor message). */
    public TransportSettings withChannel(String newChannel) {
        return new TransportSettings(aeronDir, nodeName, newChannel, policyStreamId, trajectoryStreamId, styleRewardStreamId,
                termLength, maxMessageSize, ipcMtu, udpMtu, udpReceiverWindow, udpSocketBuffer, publicationTimeout,
                driverTimeout, fragmentLimit, idle);
    }

    /** A copy using another driver directory. */
    public TransportSettings withAeronDir(Path dir) {
        return new TransportSettings(dir, nodeName, channel, policyStreamId, trajectoryStreamId, styleRewardStreamId,
                termLength, maxMessageSize, ipcMtu, udpMtu, udpReceiverWindow, udpSocketBuffer, publicationTimeout,
                driverTimeout, fragmentLimit, idle);
    }

    /** The configured stream id that carries batches of {@code kind}. */
    public int streamId(dev.ampj.sim.wire.StreamKind kind) {
        return switch (kind) {
            case POLICY_PARAMS -> policyStreamId;
            case TRAJECTORY -> trajectoryStreamId;
            case STYLE_REWARDS -> styleRewardStreamId;
            default -> throw new IllegalArgumentException("no stream id is configured under " + PATH + " for " + kind);
        };
    }

    public boolean isIpc() {
        return baseChannel(channel).isIpc();
    }

    /** The publication channel: the configured one plus term-length and the mtu of its medium. */
    public String publicationChannel() {
        ChannelUri uri = baseChannel(channel);
        uri.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(termLength));
        uri.put(CommonContext.MTU_LENGTH_PARAM_NAME, Integer.toString(uri.isIpc() ? ipcMtu : udpMtu));
        return uri.toString();
    }

    /** The subscription channel: the configured one as is. */
    public String subscriptionChannel() {
        return baseChannel(channel).toString();
    }

    /** Bytes of batch payload carried by one message after the chunk header. */
    public int maxChunkPayload() {
        return maxMessageSize - dev.ampj.sim.wire.WireFormat.HEADER_LENGTH;
    }

    private static ChannelUri baseChannel(String channel) {
        ChannelUri uri;
        try {
            uri = ChannelUri.parse(channel);
        } catch (RuntimeException e) {
            throw bad("channel", channel, "an Aeron channel such as aeron:ipc or aeron:udp?endpoint=host:port (" + e.getMessage() + ")");
        }
        if (!uri.isIpc() && !uri.isUdp()) {
            throw bad("channel", channel, "aeron:ipc or aeron:udp?endpoint=host:port");
        }
        if (uri.isUdp() && uri.get(CommonContext.ENDPOINT_PARAM_NAME) == null && uri.get(CommonContext.MDC_CONTROL_PARAM_NAME) == null) {
            throw bad("channel", channel, "a UDP channel with an endpoint=host:port (or a multi-destination-cast control=host:port) parameter");
        }
        for (String key : new String[] {CommonContext.TERM_LENGTH_PARAM_NAME, CommonContext.MTU_LENGTH_PARAM_NAME}) {
            if (uri.containsKey(key)) {
                throw bad("channel", channel, "no '" + key + "' parameter: it comes from " + PATH + "." + (key.equals("mtu") ? "ipc-mtu/udp-mtu" : key));
            }
        }
        return uri;
    }

    private static void requireStreamIds(int... ids) {
        Set<Integer> seen = new HashSet<>();
        for (int id : ids) {
            if (!seen.add(id)) {
                throw bad("policy/trajectory/style-reward-stream-id", id, "three distinct stream ids");
            }
        }
    }

    private static void checkMtu(String key, int mtu) {
        if (mtu < MIN_MTU || mtu > MAX_MTU || mtu % 32 != 0) {
            throw bad(key, mtu, "a multiple of 32 between " + MIN_MTU + " and " + MAX_MTU);
        }
    }

    private static int bytes(Config c, String key) {
        long v = c.getBytes(key);
        if (v > Integer.MAX_VALUE) {
            throw bad(key, v, "at most 2 GiB");
        }
        return (int) v;
    }

    private static void rejectUnknown(Config c, List<String> known, String path) {
        for (String key : new TreeSet<>(c.root().keySet())) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown config key " + path + "." + key + "; known keys: " + String.join(", ", known));
            }
        }
    }

    private static IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException(PATH + "." + key + " = " + value + ": expected " + expected);
    }
}
