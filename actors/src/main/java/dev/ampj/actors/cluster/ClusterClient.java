package dev.ampj.actors.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A submitter outside the cluster (`amp train --cluster`, `amp cluster status`): a remote-only actor
 * system (not a member, so it never counts for the split-brain resolver) on an ephemeral port of the
 * local address that routes to the learner, talking to the learner node's {@link RunGateway} with
 * the same Jackson CBOR messages.
 */
public final class ClusterClient implements AutoCloseable {

    private final ActorSystem<Void> system;
    private final ActorRef<RunGateway.Command> gateway;

    private ClusterClient(ActorSystem<Void> system, ActorRef<RunGateway.Command> gateway) {
        this.system = system;
        this.gateway = gateway;
    }

    /** Connects to the learner node at {@code learner}; fails with the address if it does not answer within {@code timeout}. */
    public static ClusterClient connect(NodeAddress learner, Config app, Duration timeout) {
        Config base = app.withFallback(ConfigFactory.defaultReference());
        String cluster = ClusterConfig.clusterName(base);
        Config config = ConfigFactory.empty()
                .withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("remote"))
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(localAddressTowards(learner)))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(0))
                // Remoting without cluster membership is the point here: a submitter must not be a member.
                .withValue("pekko.remote.warn-about-direct-use", ConfigValueFactory.fromAnyRef(false))
                // Without cluster, Pekko drops remote watches unless this is on: the submitter watches the learner's
                // gateway so that the learner's death ends its wait (RemoteRun); dropped, a SIGKILLed learner hung it.
                .withValue("pekko.remote.use-unsafe-remote-features-outside-cluster", ConfigValueFactory.fromAnyRef(true))
                .withFallback(base.getConfig(ClusterConfig.PATH + ".pekko").atPath("pekko"))
                .withFallback(base).resolve();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), cluster + "-client", config);
        try {
            String path = path(learner, cluster);
            org.apache.pekko.actor.ActorRef classic = Adapter.toClassic(system).actorSelection(path)
                    .resolveOne(timeout).toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new ClusterClient(system, Adapter.toTyped(classic));
        } catch (Exception e) {
            system.terminate();
            throw new IllegalStateException("no learner node answers at " + learner + " (cluster '" + cluster + "', "
                    + path(learner, cluster) + ") within " + timeout.toSeconds() + " s");
        }
    }

    private static String path(NodeAddress learner, String cluster) {
        return learner.pekkoUri(cluster) + "/system/" + RunGateway.NAME;
    }

    /** The address of this machine that routes to {@code target} (a connected UDP socket sends nothing). */
    static String localAddressTowards(NodeAddress target) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(target.host()), target.port()));
            return s.getLocalAddress().getHostAddress();
        } catch (java.io.IOException e) {
            return "127.0.0.1";
        }
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public ActorRef<RunGateway.Command> gateway() {
        return gateway;
    }

    public ClusterStatus.View status(Duration timeout) {
        try {
            return AskPattern.<RunGateway.Command, ClusterStatus.View>ask(gateway, RunGateway.GetClusterStatus::new,
                    timeout.plusSeconds(5), system.scheduler()).toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the learner node did not report the cluster status: " + e.getCause().getMessage());
        }
    }

    /** Spawns {@code behavior} here (e.g. the receiver of a submitted run's progress). */
    public <T> ActorRef<T> spawn(org.apache.pekko.actor.typed.Behavior<T> behavior, String name) {
        return system.systemActorOf(behavior, name, org.apache.pekko.actor.typed.Props.empty());
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Exiting anyway.
        }
    }
}
