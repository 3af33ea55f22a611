package dev.ampj.sim.gateway;

import dev.ampj.sim.env.VecEnvSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission of external simulators: reads first frames from the {@link GatewayServer}, checks each
 * HELLO against the env spec and token ({@link Hello}), answers a failed one with one ERROR, and
 * keeps the admitted clients until a shard takes one ({@link #take}). After a wait for a client ran
 * out, every later wait fails at once with the same message, so a shard that is restarted after
 * losing its client fails the run instead of waiting forever.
 */
public final class GatewayClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayClients.class);

    private final GatewayServer server;
    private final GatewaySettings settings;
    private final HelloContract contract;
    private final Deque<ClientLink> admitted = new ArrayDeque<>();
    /** Every client welcomed, so that {@link #close} tells each one the run ended. */
    private final java.util.Set<ClientLink> welcomed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private Hello first;
    private String gaveUp;

    private static final java.util.Map<String, GatewayClients> SHARED = new java.util.HashMap<>();

    /**
     * The process's admission for {@code settings.address()}: one bound socket per address, shared by
     * the operations of one process (train, then resume in a test), rebound when the settings or the
     * spec change. Closed (CLOSE to the clients, then unbound) when the JVM exits.
     */
    public static GatewayClients shared(GatewaySettings settings, VecEnvSpec spec) {
        return shared(settings, HelloContract.fixed(spec));
    }

    /** As above, for clients checked against {@code contract} (a declared robot's, or a fixed spec's). */
    public static GatewayClients shared(GatewaySettings settings, HelloContract contract) {
        synchronized (SHARED) {
            GatewayClients c = SHARED.get(settings.address());
            if (c != null && c.settings.equals(settings) && c.contract.serves(contract)) {
                return c;
            }
            if (c != null) {
                c.close();
            }
            if (SHARED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(GatewayClients::closeShared, "amp-gateway-close"));
            }
            c = new GatewayClients(settings, contract);
            SHARED.put(settings.address(), c);
            return c;
        }
    }

    /** Closes every shared admission (tests; the JVM's exit). */
    public static void closeShared() {
        synchronized (SHARED) {
            for (GatewayClients c : SHARED.values()) {
                c.close();
            }
            SHARED.clear();
        }
    }

    public GatewayClients(GatewaySettings settings, VecEnvSpec spec) {
        this(settings, HelloContract.fixed(spec));
    }

    public GatewayClients(GatewaySettings settings, HelloContract contract) {
        this.settings = settings;
        this.contract = contract;
        this.server = new GatewayServer(settings.address());
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** The spec admitted clients drive, waiting for the first client when its robot is a declared one. */
    public synchronized VecEnvSpec spec() {
        if (contract.spec() == null) {
            first();
        }
        return contract.spec();
    }

    public HelloContract contract() {
        return contract;
    }

    /** The HELLO of the first client admitted, waiting for one if none was. */
    public synchronized Hello first() {
        if (first == null) {
            admitted.addLast(admit(System.nanoTime() + settings.connectTimeout().toNanos()));
        }
        return first;
    }

    /** Waits until {@code n} clients are admitted and not yet taken; returns their HELLOs in arrival order. */
    public synchronized java.util.List<Hello> awaitAdmitted(int n) {
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        while (admitted.size() < n) {
            admitted.addLast(admit(deadline));
        }
        return admitted.stream().limit(n).map(ClientLink::hello).toList();
    }

    /**
     * The next admitted client with {@code numEnvs} envs (waiting up to connect-timeout for one),
     * welcomed for {@code envIds}. A client with another env count is dropped with an ERROR naming
     * both counts.
     */
    public synchronized ClientLink take(int[] envIds, long seed) {
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        while (true) {
            ClientLink link = admitted.isEmpty() ? admit(deadline) : admitted.removeFirst();
            if (link.welcomedFor() != null) {
                if (java.util.Arrays.equals(link.welcomedFor(), envIds)) {
                    return link; // released by a restarted shard of the same env ids
                }
                LOG.warn("{}", link.drop("the client was welcomed for other env ids").getMessage());
                continue;
            }
            if (link.hello().numEnvs() != envIds.length) {
                GatewayProtocolException e = link.drop("HELLO num_envs: got " + link.hello().numEnvs() + ", expected "
                        + envIds.length + " (the shard of env ids " + envIds[0] + ".." + envIds[envIds.length - 1] + ")");
                LOG.warn("{}", e.getMessage());
                continue;
            }
            link.send(GatewayFrame.of(GatewayFrame.WELCOME, 0, 0, welcome(envIds, seed, link.hello(), contract.startWidth())));
            link.welcomed(envIds);
            welcomed.add(link);
            LOG.info("gateway {}: {} {} drives env ids {}..{} (resume {})", settings.address(), link.hello().simulator(),
                    link.hello().version(), envIds[0], envIds[envIds.length - 1], link.hello().resume());
            return link;
        }
    }

    /** Returns a link whose shard closed its VecEnv; the next {@link #take} of the same env ids reuses it. */
    public synchronized void release(ClientLink link) {
        admitted.addFirst(link);
    }

    private ClientLink admit(long deadline) {
        if (gaveUp != null) {
            throw new GatewayUnavailableException(gaveUp);
        }
        while (true) {
            long left = deadline - System.nanoTime();
            GatewayServer.Incoming in;
            try {
                in = left <= 0 ? null : server.nextFirstFrame(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                in = null;
            }
            if (in == null) {
                gaveUp = "no external simulator connected to " + settings.address() + " and passed the handshake within "
                        + GatewaySettings.PATH + ".connect-timeout = " + settings.connectTimeout().toMillis() / 1000.0 + " s"
                        + " (start one, e.g. python3 sim-gateway/clients/python/examples/mujoco_ostrich.py --connect "
                        + settings.address() + ")";
                throw new GatewayUnavailableException(gaveUp);
            }
            try {
                GatewayFrame.Header h = GatewayFrame.decode(in.frame(), settings.maxFrameBytes());
                if (h.kind() != GatewayFrame.HELLO) {
                    throw new GatewayProtocolException("expected HELLO from a new connection, got " + GatewayFrame.kindName(h.kind()));
                }
                byte[] json = java.util.Arrays.copyOfRange(in.frame(), GatewayFrame.HEADER_BYTES, in.frame().length);
                com.typesafe.config.Config parsed = Hello.json(json);
                Hello.checkProtocolAndToken(parsed, settings.token());
                Hello hello = Hello.check(parsed, contract.specFor(parsed), settings.token());
                contract.admitted(parsed);
                if (first == null) {
                    first = hello;
                }
                return server.link(in.identity(), hello);
            } catch (GatewayProtocolException e) {
                LOG.warn("gateway {}: client refused: {}", settings.address(), e.getMessage());
                server.send(in.identity(), GatewayFrame.of(GatewayFrame.ERROR, 0, 0, e.getMessage().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static byte[] welcome(int[] envIds, long seed, Hello hello, int startWidth) {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < envIds.length; i++) {
            ids.append(i == 0 ? "" : ",").append(envIds[i]);
        }
        String json = "{\"protocol\":" + Hello.PROTOCOL + ",\"env_ids\":[" + ids + "],\"seed\":" + seed
                + ",\"resume\":\"" + hello.resume() + "\",\"episode_starts\":"
                + (hello.referenceStateReset() ? startWidth : 0) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Tells every linked client that the run ended (CLOSE), then unbinds. */
    @Override
    public synchronized void close() {
        java.util.Set<ClientLink> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        all.addAll(admitted);
        all.addAll(welcomed);
        for (ClientLink link : all) {
            if (!link.dropped()) {
                link.send(GatewayFrame.of(GatewayFrame.CLOSE, 0, 0, new byte[0]));
            }
        }
        admitted.clear();
        welcomed.clear();
        try {
            Thread.sleep(50); // lets the I/O thread flush the CLOSE frames before the socket goes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
