package dev.ampj.sim.gateway;

import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One admitted external simulator: its connection, its handshake, the frames it sent that wait to
 * be read, and the request/reply discipline of the protocol (one request in flight, replies carry
 * the request's sequence). Dropping it sends one ERROR naming the reason and forgets the connection.
 */
public final class ClientLink {

    private final GatewayServer server;
    private final byte[] identity;
    private final Hello hello;
    private final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private long sequence;
    private int[] welcomedFor;
    private volatile boolean dropped;

    ClientLink(GatewayServer server, byte[] identity, Hello hello) {
        this.server = server;
        this.identity = identity.clone();
        this.hello = hello;
    }

    public Hello hello() {
        return hello;
    }

    public boolean dropped() {
        return dropped;
    }

    /** The env ids the client was welcomed for, or null before its WELCOME. */
    int[] welcomedFor() {
        return welcomedFor;
    }

    void welcomed(int[] envIds) {
        welcomedFor = envIds.clone();
    }

    BlockingQueue<byte[]> inbox() {
        return inbox;
    }

    String key() {
        return key(identity);
    }

    static String key(byte[] identity) {
        return HexFormat.of().formatHex(identity);
    }

    /** Sends a frame built by {@code frame} with the next sequence number, returning that number. */
    public long nextSequence() {
        return ++sequence;
    }

    public void send(byte[] frame) {
        if (dropped) {
            throw new IllegalStateException("client " + hello.simulator() + " was dropped");
        }
        server.send(identity, frame);
    }

    /**
     * The reply to request {@code sequence}: a frame of {@code kind} with exactly {@code payloadBytes}
     * (−1: up to {@code maxPayload}) payload bytes and {@code rows} rows. An ERROR from the client, a
     * malformed frame or no reply within {@code timeoutNanos} drops the client and throws.
     */
    public Reply await(long sequence, int kind, long payloadBytes, long maxPayload, int rows, long timeoutNanos) {
        byte[] frame;
        try {
            frame = inbox.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw drop("interrupted while waiting for " + GatewayFrame.kindName(kind));
        }
        if (frame == null) {
            throw drop("stalled: no " + GatewayFrame.kindName(kind) + " within amp.gateway.step-timeout ("
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms)");
        }
        GatewayFrame.Header h;
        try {
            h = GatewayFrame.decode(frame, payloadBytes >= 0 ? payloadBytes : maxPayload);
        } catch (GatewayProtocolException e) {
            throw drop(e.getMessage());
        }
        if (h.kind() == GatewayFrame.ERROR) {
            String text = new String(frame, GatewayFrame.HEADER_BYTES, h.payloadBytes(), java.nio.charset.StandardCharsets.UTF_8);
            throw dropSilently("the client reported an error: " + text);
        }
        if (h.kind() != kind) {
            throw drop("expected " + GatewayFrame.kindName(kind) + ", got " + GatewayFrame.kindName(h.kind()));
        }
        if (h.sequence() != sequence) {
            throw drop(GatewayFrame.kindName(kind) + " sequence " + h.sequence() + ", expected " + sequence);
        }
        if (payloadBytes >= 0 && h.payloadBytes() != payloadBytes) {
            throw drop("truncated " + GatewayFrame.kindName(kind) + ": " + h.payloadBytes() + " payload bytes, expected "
                    + payloadBytes);
        }
        if (h.rows() != rows) {
            throw drop("wrong dims: " + GatewayFrame.kindName(kind) + " has " + h.rows() + " rows, the handshake declared "
                    + rows + " envs");
        }
        return new Reply(h, frame);
    }

    /** A checked reply frame. */
    public record Reply(GatewayFrame.Header header, byte[] frame) {}

    /** Sends ERROR with {@code reason}, forgets the client and returns the exception to throw. */
    public GatewayProtocolException drop(String reason) {
        if (!dropped) {
            try {
                server.send(identity, GatewayFrame.of(GatewayFrame.ERROR, sequence, 0,
                        reason.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (RuntimeException ignored) {
                // the server is closing: the client learns it from the closed connection
            }
        }
        return dropSilently(reason);
    }

    private GatewayProtocolException dropSilently(String reason) {
        dropped = true;
        server.unlink(this);
        return new GatewayProtocolException("external simulator " + hello.simulator() + " " + hello.version()
                + " dropped: " + reason);
    }
}
