package dev.ampj.sim.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code amp.gateway}: where the platform binds for external simulators and how long it waits for them.
 *
 * @param address        ZeroMQ endpoint the platform binds ({@code tcp://host:port})
 * @param token          shared secret every HELLO must carry (empty: none; loopback only)
 * @param clients        external simulators a new run waits for; each is one shard
 * @param connectTimeout how long a shard waits for a client (at start and after a drop)
 * @param stepTimeout    how long the platform waits for any reply
 * @param maxFrameBytes  largest accepted HELLO payload
 */
public record GatewaySettings(String address, String token, int clients, Duration connectTimeout, Duration stepTimeout,
        int maxFrameBytes) {

    public static final String PATH = "amp.gateway";
    static final List<String> KEYS = List.of("address", "token", "clients", "connect-timeout", "step-timeout",
            "max-frame-bytes");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    public GatewaySettings {
        if (address.startsWith("ipc://")) {
            // JeroMQ emulates ipc:// with a loopback TCP port derived from the path: libzmq clients
            // (pyzmq) look for a Unix domain socket there and never connect.
            throw new IllegalArgumentException(PATH + ".address = \"" + address + "\": ipc:// is not supported (JeroMQ"
                    + " implements it as loopback TCP, which libzmq clients such as pyzmq cannot reach); use tcp://127.0.0.1:PORT");
        }
        if (!address.startsWith("tcp://")) {
            throw new IllegalArgumentException(PATH + ".address = \"" + address + "\": expected tcp://host:port");
        }
        if (token.isEmpty() && !isLocal(address)) {
            throw new IllegalArgumentException(PATH + ".address = \"" + address + "\" is reachable from other hosts: set "
                    + PATH + ".token to a shared secret that clients send in their HELLO");
        }
        if (clients < 1) {
            throw new IllegalArgumentException(PATH + ".clients = " + clients + ": expected at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException(PATH + ": connect-timeout and step-timeout must be positive");
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException(PATH + ".max-frame-bytes = " + maxFrameBytes + ": expected at least 1024");
        }
    }

    /** True for tcp:// on a loopback host. */
    static boolean isLocal(String address) {
        String rest = address.substring("tcp://".length());
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? rest : rest.substring(0, colon);
        return LOOPBACK.contains(host);
    }

    /** Reads {@code amp.gateway} from a whole application config; unknown keys are refused. */
    public static GatewaySettings fromConfig(Config config) {
        try {
            Config c = config.getConfig(PATH);
            for (String key : c.root().keySet()) {
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(PATH + "." + key + ": unknown key; known keys: " + KEYS);
                }
            }
            return new GatewaySettings(c.getString("address"), c.getString("token"), c.getInt("clients"),
                    c.getDuration("connect-timeout"), c.getDuration("step-timeout"), c.getInt("max-frame-bytes"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(PATH + ": " + e.getMessage(), e);
        }
    }
}
