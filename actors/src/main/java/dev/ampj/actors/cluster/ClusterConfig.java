package dev.ampj.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.common.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration of one cluster member: {@code amp.cluster.pekko} laid over {@code pekko} (set
 * Pekko keys of a member there, not under {@code pekko}), plus
 * what the command line decides (bind address, role, seed nodes, runs directory), the digest of the
 * shared secret, and a driver directory name of its own (several members may share a host).
 */
public final class ClusterConfig {

    public static final String PATH = "amp.cluster";

    private ClusterConfig() {}

    /** What `amp node` is given. */
    public record Node(NodeRole role, NodeAddress bind, List<NodeAddress> seeds, Path runsDir) {
        public Node {
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("--seed-nodes: at least one HOST:PORT (the learner's, or this node's own to start a cluster)");
            }
            seeds = List.copyOf(seeds);
        }
    }

    static final List<String> KEYS = List.of("name", "secret", "policy-port", "trajectory-port", "no-sim-timeout", "pekko",
            "membership-digest");

    /** The member's whole configuration over {@code app} (defaults, --config, --set). */
    public static Config of(Node node, Config app) {
        Config base = app.withFallback(ConfigFactory.defaultReference());
        for (String key : new java.util.TreeSet<>(base.getConfig(PATH).root().keySet())) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown config key " + PATH + "." + key + "; known keys: " + String.join(", ", KEYS));
            }
        }
        for (String port : List.of("policy-port", "trajectory-port")) {
            int p = base.getInt(PATH + "." + port);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException(PATH + "." + port + " = " + p + ": expected 0 (the Artery port + 1 or + 2) or a UDP port 1..65535");
            }
        }
        String name = clusterName(base);
        String secret = base.getString(PATH + ".secret");
        Config overrides = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(node.bind().host()))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(node.bind().port()))
                .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(node.role().roleName())))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(
                        node.seeds().stream().map(s -> s.pekkoUri(name)).toList()))
                .withValue(SecretCheck.KEY, ConfigValueFactory.fromAnyRef(secretDigest(name, secret)))
                .withValue("amp.actors.transport.node-name",
                        ConfigValueFactory.fromAnyRef(node.role().roleName() + "-" + node.bind().port()));
        if (node.runsDir() != null) {
            overrides = overrides.withValue("amp.storage.runs-dir", ConfigValueFactory.fromAnyRef(node.runsDir().toString()));
        }
        Config pekko = base.getConfig(PATH + ".pekko").atPath("pekko");
        // amp.cluster.pekko wins over a `pekko` tree in app (which may hold the reference defaults, provider = local).
        return overrides.withFallback(pekko).withFallback(app).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    /** {@code amp.cluster.name}, checked: it is the actor system name of every member. */
    public static String clusterName(Config c) {
        String name = c.getString(PATH + ".name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException(PATH + ".name = " + name + ": expected letters, digits, '-' and '_' (an actor system name)");
        }
        return name;
    }

    static String secretDigest(String cluster, String secret) {
        return Digests.sha256Hex(("amp-cluster " + cluster + " " + secret).getBytes(StandardCharsets.UTF_8));
    }
}
