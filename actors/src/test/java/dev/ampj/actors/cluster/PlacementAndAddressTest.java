package dev.ampj.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round-robin placement, HOST:PORT parsing and the member configuration, without starting anything. */
class PlacementAndAddressTest {

    @Test
    void shardsGoRoundRobinOverSortedHostsAndLostShardsSpreadOverSurvivors() {
        assertArrayEquals(new String[] {"a", "b", "c", "a", "b"}, ShardAssignment.roundRobin(5, List.of("a", "b", "c")));
        assertArrayEquals(new String[] {"b", "c", "b"}, ShardAssignment.spread(new int[] {0, 3, 6}, List.of("b", "c")));
    }

    @Test
    void addressesParseAndBadOnesNameWhatIsWrong() {
        assertEquals(new NodeAddress("127.0.0.1", 25520), NodeAddress.parse("127.0.0.1:25520", "--bind"));
        assertEquals(new NodeAddress("::1", 25520), NodeAddress.parse("[::1]:25520", "--bind"));
        assertEquals("pekko://amp@[::1]:25520", NodeAddress.parse("[::1]:25520", "--bind").pekkoUri("amp"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeAddress.parse("host", "--bind")).getMessage()
                .contains("--bind 'host': expected HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeAddress.parse("h:70000", "--seed-nodes")).getMessage()
                .contains("port must be 1..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeRole.parse("worker")).getMessage()
                .contains("expected learner or sim"));
    }

    @Test
    void aMemberIsAClusterNodeOnItsBindAddressWithItsRoleSeedsAndSecretDigest() {
        Config c = ClusterConfig.of(new ClusterConfig.Node(NodeRole.SIM, new NodeAddress("10.0.0.2", 25521),
                List.of(new NodeAddress("10.0.0.1", 25520)), null), ConfigFactory.parseString("amp.cluster.secret = x"));
        assertEquals("cluster", c.getString("pekko.actor.provider"));
        assertEquals("10.0.0.2", c.getString("pekko.remote.artery.canonical.hostname"));
        assertEquals(25521, c.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(List.of("sim"), c.getStringList("pekko.cluster.roles"));
        assertEquals(List.of("pekko://amp@10.0.0.1:25520"), c.getStringList("pekko.cluster.seed-nodes"));
        assertEquals("off", c.getString("pekko.actor.allow-java-serialization"));
        assertEquals("keep-oldest", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertEquals("sim-25521", c.getString("amp.actors.transport.node-name"));
        Config other = ClusterConfig.of(new ClusterConfig.Node(NodeRole.SIM, new NodeAddress("10.0.0.2", 25521),
                List.of(new NodeAddress("10.0.0.1", 25520)), Path.of("r")), ConfigFactory.parseString("amp.cluster.secret = y"));
        assertTrue(!c.getString(SecretCheck.KEY).equals(other.getString(SecretCheck.KEY)), "the digest depends on the secret");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterConfig.of(new ClusterConfig.Node(NodeRole.SIM,
                new NodeAddress("h", 1), List.of(), null), ConfigFactory.empty())).getMessage().contains("--seed-nodes"));
        ClusterConfig.Node sim = new ClusterConfig.Node(NodeRole.SIM, new NodeAddress("h", 1), List.of(new NodeAddress("h", 1)), null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterConfig.of(sim,
                ConfigFactory.parseString("amp.cluster.secrt = x"))).getMessage().contains("unknown config key amp.cluster.secrt"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterConfig.of(sim,
                ConfigFactory.parseString("amp.cluster.name = \"a b\""))).getMessage().contains("amp.cluster.name = a b"));
    }
}
