package dev.ampj.sim.gateway;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The platform's end of the gateway transport: a ZeroMQ ROUTER bound at {@code amp.gateway.address}
 * and one I/O thread that owns it. Frames from a known client go to its {@link ClientLink}'s inbox;
 * frames from a connection not (or no longer) linked go to the queue of first frames, which
 * {@link #nextFirstFrame} hands to whoever admits clients. Sends from any thread travel to the I/O
 * thread through one inproc PUSH socket guarded by a lock (ZeroMQ sockets are single-threaded).
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final AtomicLong INSTANCES = new AtomicLong();

    /** A frame from a connection that is not linked to a client (normally its HELLO). */
    public record Incoming(byte[] identity, byte[] frame) {}

    private final String address;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket outbox;
    private final Thread io;
    private final BlockingQueue<Incoming> firstFrames = new LinkedBlockingQueue<>();
    private final Map<String, ClientLink> links = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile RuntimeException ioFailure;

    public GatewayServer(String address) {
        this.address = address;
        String inproc = "inproc://amp-gateway-outbox-" + INSTANCES.incrementAndGet();
        ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
        ZMQ.Socket pull = context.createSocket(SocketType.PULL);
        try {
            router.setLinger(0);
            router.setRouterMandatory(true);
            router.bind(address);
            pull.bind(inproc);
        } catch (ZMQException e) {
            context.close();
            throw new IllegalArgumentException(GatewaySettings.PATH + ".address = \"" + address + "\": cannot bind: "
                    + e.getMessage(), e);
        }
        outbox = context.createSocket(SocketType.PUSH);
        outbox.setLinger(0);
        outbox.connect(inproc);
        io = new Thread(() -> run(router, pull), "amp-gateway-io");
        io.setDaemon(true);
        io.start();
    }

    public String address() {
        return address;
    }

    /** The next frame from an unlinked connection, or null after {@code timeoutNanos}. */
    public Incoming nextFirstFrame(long timeoutNanos) throws InterruptedException {
        checkIo();
        return firstFrames.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Links {@code identity}: its later frames go to the returned link's inbox. */
    public ClientLink link(byte[] identity, Hello hello) {
        ClientLink link = new ClientLink(this, identity, hello);
        links.put(link.key(), link);
        return link;
    }

    /** Forgets {@code link}: its later frames count as first frames of a new connection. */
    void unlink(ClientLink link) {
        links.remove(link.key(), link);
    }

    /** Queues {@code frame} for {@code identity}. */
    public void send(byte[] identity, byte[] frame) {
        checkIo();
        synchronized (outbox) {
            outbox.sendMore(identity);
            outbox.send(frame);
        }
    }

    private void checkIo() {
        RuntimeException f = ioFailure;
        if (f != null) {
            throw new IllegalStateException("gateway I/O thread at " + address + " failed: " + f.getMessage(), f);
        }
    }

    private void run(ZMQ.Socket router, ZMQ.Socket pull) {
        try (ZMQ.Poller poller = context.createPoller(2)) {
            poller.register(router, ZMQ.Poller.POLLIN);
            poller.register(pull, ZMQ.Poller.POLLIN);
            while (running && !Thread.currentThread().isInterrupted()) {
                if (poller.poll(100) <= 0) {
                    continue;
                }
                if (poller.pollin(0)) {
                    byte[] identity;
                    while ((identity = router.recv(ZMQ.DONTWAIT)) != null) {
                        byte[] frame = router.hasReceiveMore() ? router.recv() : new byte[0];
                        while (router.hasReceiveMore()) {
                            router.recv(); // extra parts: the frame is malformed; its first part is judged
                        }
                        deliver(identity, frame);
                    }
                }
                if (poller.pollin(1)) {
                    byte[] identity;
                    while ((identity = pull.recv(ZMQ.DONTWAIT)) != null) {
                        byte[] frame = pull.recv();
                        try {
                            router.sendMore(identity);
                            router.send(frame);
                        } catch (ZMQException e) {
                            // EHOSTUNREACH: the client is gone; its link times out waiting for the reply.
                            LOG.debug("gateway {}: cannot send to a disconnected client: {}", address, e.getMessage());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                ioFailure = e;
                LOG.error("gateway {}: I/O thread failed", address, e);
            }
        } finally {
            router.close();
            pull.close();
        }
    }

    private void deliver(byte[] identity, byte[] frame) {
        ClientLink link = links.get(ClientLink.key(identity));
        if (link != null) {
            link.inbox().offer(frame);
        } else {
            firstFrames.offer(new Incoming(identity, frame));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            io.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (outbox) {
            outbox.close();
        }
        context.close();
    }
}
