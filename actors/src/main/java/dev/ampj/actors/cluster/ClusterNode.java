package dev.ampj.actors.cluster;

import com.typesafe.config.Config;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.actors.api.PipelineHost;
import dev.ampj.actors.config.StreamChannels;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.guardian.Guardian;
import dev.ampj.actors.shard.ShardDirectory;
import dev.ampj.actors.transport.DriverDirectories;
import dev.ampj.actors.transport.EmbeddedMediaDriver;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import io.aeron.Aeron;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One cluster member: its actor system (cluster provider, Artery TCP on the bind address, Jackson
 * CBOR, split-brain resolver; {@link ClusterConfig}) and its embedded Aeron media driver. A sim node
 * runs a {@link ShardHost}; the learner node is a {@link PipelineHost}: runs trained through a
 * {@code Trainer} built on it live in its actor system and place their shards on the sim nodes.
 */
public final class ClusterNode implements PipelineHost, AutoCloseable {

    private final ClusterConfig.Node node;
    private final Config config;
    private final EmbeddedMediaDriver driver;
    private final ActorSystem<Void> system;

    private ClusterNode(ClusterConfig.Node node, Config config, EmbeddedMediaDriver driver, ActorSystem<Void> system) {
        this.node = node;
        this.config = config;
        this.driver = driver;
        this.system = system;
    }

    /** Starts a member with {@code app} (the amp configuration) and joins the seed nodes. */
    public static ClusterNode start(ClusterConfig.Node node, Config app, Components components) {
        return start(node, app, components, PeriodicEvaluation.Size.DEFAULT);
    }

    /** As above; a learner node's in-training evals are {@code evalSize} large (tests make them small). */
    public static ClusterNode start(ClusterConfig.Node node, Config app, Components components, PeriodicEvaluation.Size evalSize) {
        Config config = ClusterConfig.of(node, app);
        TransportSettings transport = DriverDirectories.forThisProcess(TransportSettings.fromConfig(config));
        EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(transport);
        try {
            Behavior<Void> root = Behaviors.setup(ctx -> {
                if (node.role() == NodeRole.SIM) {
                    ctx.spawn(ShardHost.create(components, driver.aeron(), node.bind().host()), "shard-host");
                }
                return Behaviors.empty();
            });
            ActorSystem<Void> system = ActorSystem.create(root, ClusterConfig.clusterName(config), config);
            ClusterNode started = new ClusterNode(node, config, driver, system);
            if (node.role() == NodeRole.LEARNER) {
                RunStore store = new RunStore(StorageSettings.fromConfig(config));
                system.systemActorOf(RunGateway.create(components, store, started, evalSize), RunGateway.NAME, Props.empty());
            }
            return started;
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public ClusterConfig.Node node() {
        return node;
    }

    public Config config() {
        return config;
    }

    @Override
    public Aeron aeron() {
        return driver.aeron();
    }

    @Override
    public StreamChannels learnerChannels(TransportSettings runTransport) {
        return DataPlane.learnerChannels(node.bind().host(), policyPort(), trajectoryPort());
    }

    @Override
    public ShardDirectory shards(String configHocon, StreamChannels learnerChannels, java.util.Map<String, String> versions,
            java.util.Map<String, String> threads) {
        return new ClusterShards(configHocon, new java.util.TreeMap<>(versions), new java.util.TreeMap<>(threads),
                DataPlane.hostPort(node.bind().host(), policyPort()),
                DataPlane.hostPort(node.bind().host(), trajectoryPort()), config.getDuration(ClusterConfig.PATH + ".no-sim-timeout"));
    }

    @Override
    public ActorRef<Guardian.Command> spawn(Behavior<Guardian.Command> guardian, String name) {
        return system.systemActorOf(guardian, name + "-" + System.nanoTime(), Props.empty());
    }

    @Override
    public Scheduler scheduler() {
        return system.scheduler();
    }

    /** The learner's UDP control port of the policy publication: amp.cluster.policy-port, or Artery port + 1. */
    int policyPort() {
        int p = config.getInt(ClusterConfig.PATH + ".policy-port");
        return p != 0 ? p : node.bind().port() + 1;
    }

    /** The learner's UDP trajectory endpoint port: amp.cluster.trajectory-port, or Artery port + 2. */
    int trajectoryPort() {
        int p = config.getInt(ClusterConfig.PATH + ".trajectory-port");
        return p != 0 ? p : node.bind().port() + 2;
    }

    /** Leaves the cluster (coordinated shutdown), then stops the media driver. */
    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Stopping anyway.
        }
        driver.close();
    }
}
