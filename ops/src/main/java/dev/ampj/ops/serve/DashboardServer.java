package dev.ampj.ops.serve;

import dev.ampj.storage.RunStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * The dashboard's HTTP server: its own actor system and one Pekko HTTP binding. Binds to a
 * loopback address unless remote access is asked for explicitly: the dashboard has no
 * authentication, so exposing it is the user's decision.
 */
public final class DashboardServer implements AutoCloseable {

    /** Where and how to serve. {@code port} 0 picks a free one. */
    public record Settings(String bind, int port, boolean allowRemote, long pollMillis) {}

    private final ActorSystem<Void> system;
    private final ServerBinding binding;

    private DashboardServer(ActorSystem<Void> system, ServerBinding binding) {
        this.system = system;
        this.binding = binding;
    }

    /** Binds and serves {@code store}'s runs; refuses a non-loopback address without {@code allowRemote}. */
    public static DashboardServer start(RunStore store, Settings settings) {
        InetAddress address = requireAllowed(settings.bind(), settings.allowRemote());
        if (settings.port() < 0 || settings.port() > 65535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], got " + settings.port());
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "amp-serve");
        try {
            ServerBinding binding = Http.get(system).newServerAt(address.getHostAddress(), settings.port())
                    .bind(new DashboardRoutes(store, settings.pollMillis(),
                            system.dispatchers().lookup(DispatcherSelector.blocking())).routes())
                    .toCompletableFuture().join();
            return new DashboardServer(system, binding);
        } catch (CompletionException e) {
            system.terminate();
            throw new IllegalArgumentException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
    }

    /** The address to bind, if it is a loopback one or remote access is allowed. */
    static InetAddress requireAllowed(String bind, boolean allowRemote) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bind + ": unknown host");
        }
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("--bind " + bind + " is not a loopback address: the dashboard has no"
                    + " authentication; add --allow-remote to serve it beyond this machine");
        }
        return address;
    }

    /** The bound port (the chosen one when asked for port 0). */
    public int port() {
        return binding.localAddress().getPort();
    }

    /** Blocks until the server is stopped. */
    public void awaitTermination() {
        system.getWhenTerminated().toCompletableFuture().join();
    }

    @Override
    public void close() {
        // open event streams never end by themselves: give them a moment, then cut them
        binding.terminate(java.time.Duration.ofSeconds(1)).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

}
