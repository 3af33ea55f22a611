package dev.ampj.actors.transport;

import static dev.ampj.actors.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.ampj.sim.wire.RunIds;
import dev.ampj.sim.wire.StreamKind;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two media drivers (a "sim host" and a "learner host") exchange a batch over UDP on 127.0.0.1 with the cross-host mtu. */
@Timeout(120)
class UdpTransportTest {

    @Test
    void batchCrossesUdpBetweenTwoDriversBitExact(@TempDir Path tmp) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String channel = "aeron:udp?endpoint=127.0.0.1:" + port;
        TransportSettings learnerSide = settings(tmp.resolve("learner"), "channel = \"" + channel + "\", node-name = learner");
        TransportSettings simSide = settings(tmp.resolve("sim"), "channel = \"" + channel + "\", node-name = sim");
        long run = RunIds.of("udp-test-run");
        UnsafeBuffer source = batch(run, 7, 2, StreamKind.TRAJECTORY, 12, 512, 96); // ≈ 2.3 MiB, 3 chunks, ~1,700 UDP frames
        List<byte[]> received = new ArrayList<>();
        ExecutorService thread = publisherThread();
        try (EmbeddedMediaDriver learner = EmbeddedMediaDriver.launch(learnerSide);
             EmbeddedMediaDriver sim = EmbeddedMediaDriver.launch(simSide);
             TensorSubscriber sub = new TensorSubscriber(learner.aeron(), learnerSide, learnerSide.trajectoryStreamId(), run,
                     StreamKind.TRAJECTORY, new PooledBatchBuffers(), b -> {
                         byte[] copy = new byte[b.encodedLength()];
                         b.buffer().getBytes(0, copy);
                         received.add(copy);
                     }, (r, d) -> fail(r + ": " + d));
             TensorPublisher pub = new TensorPublisher(sim.aeron(), simSide, simSide.trajectoryStreamId())) {
            assertTrue(pub.channel().contains("mtu=1408"), pub.channel());
            sub.expectIteration(7);
            pub.awaitConnected();
            CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> pub.publish(source, 0, source.capacity()), thread);
            pollUntil(sub, () -> received.size() == 1);
            assertEquals(3, sent.get());
            byte[] expected = new byte[source.capacity()];
            source.getBytes(0, expected);
            assertArrayEquals(expected, received.get(0));
        } finally {
            thread.shutdownNow();
        }
    }
}
