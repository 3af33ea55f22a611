package dev.ampj.actors.transport;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {

    private static TransportSettings parse(String hocon) {
        return TransportSettings.fromConfig(ConfigFactory.parseString("amp.actors.transport {" + hocon + "}")
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }

    private static String error(String hocon) {
        return assertThrows(IllegalArgumentException.class, () -> parse(hocon)).getMessage();
    }

    @Test
    void referenceDefaults() {
        TransportSettings s = parse("");
        assertEquals("aeron:ipc", s.channel());
        assertTrue(s.isIpc());
        assertEquals(64 << 20, s.termLength());
        assertEquals(1 << 20, s.maxMessageSize());
        assertEquals((1 << 20) - 64, s.maxChunkPayload());
        assertEquals(1101, s.policyStreamId());
        assertEquals(1102, s.trajectoryStreamId());
        assertEquals(1103, s.streamId(dev.ampj.sim.wire.StreamKind.STYLE_REWARDS));
        assertThrows(IllegalArgumentException.class, () -> s.streamId(dev.ampj.sim.wire.StreamKind.DISCRIMINATOR_PARAMS));
        assertTrue(s.publicationChannel().contains("term-length=67108864"), s.publicationChannel());
        assertTrue(s.publicationChannel().contains("mtu=65504"), s.publicationChannel());
        assertEquals("aeron:ipc", s.subscriptionChannel());
        Path expectedBase = java.nio.file.Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        assertEquals(expectedBase, s.aeronDir().getParent());
        assertTrue(s.aeronDir().getFileName().toString().endsWith("-node"), s.aeronDir().toString());
    }

    @Test
    void udpChannelGetsTheUdpMtu() {
        TransportSettings s = parse("channel = \"aeron:udp?endpoint=127.0.0.1:40123\"");
        assertFalse(s.isIpc());
        assertTrue(s.publicationChannel().contains("mtu=1408"), s.publicationChannel());
        assertTrue(s.publicationChannel().contains("endpoint=127.0.0.1:40123"), s.publicationChannel());
    }

    @Test
    void unknownKeysAreRejectedWithTheKnownOnes() {
        String e = error("chanel = \"aeron:ipc\"");
        assertTrue(e.contains("amp.actors.transport.chanel") && e.contains("known keys") && e.contains("channel"), e);
        e = error("idle { max-spin = 3 }");
        assertTrue(e.contains("amp.actors.transport.idle.max-spin") && e.contains("max-spins"), e);
    }

    @Test
    void badValuesNameKeyAndValue() {
        assertTrue(error("term-length = 3 MiB").contains("term-length = 3145728"));
        assertTrue(error("term-length = 8 MiB, max-message-size = 2 MiB").contains("term-length/8"));
        assertTrue(error("udp-mtu = 1500").contains("udp-mtu = 1500"));
        assertTrue(error("channel = \"aeron:udp\"").contains("endpoint"));
        assertTrue(error("channel = \"aeron:ipc?term-length=65536\"").contains("term-length"));
        assertTrue(error("channel = \"tcp://x\"").contains("channel"));
        assertTrue(error("idle { max-park = 0s, min-park = 0s }").contains("busy-spin"));
        assertTrue(error("trajectory-stream-id = 1101").contains("distinct"));
        assertTrue(error("node-name = \"a/b\"").contains("node-name"));
    }
}
