package dev.ampj.actors.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.config.PipelineContext;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.config.RunVersions;
import dev.ampj.actors.config.ShardLayout;
import dev.ampj.actors.config.StreamChannels;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.ExpertMotion;
import dev.ampj.actors.env.RunLearnerSettings;
import dev.ampj.actors.guardian.Guardian;
import dev.ampj.actors.pipeline.IterationCoordinator;
import dev.ampj.actors.shard.LocalShards;
import dev.ampj.actors.transport.DriverDirectories;
import dev.ampj.actors.transport.EmbeddedMediaDriver;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.sim.wire.RunIds;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.telemetry.TelemetryWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * One running pipeline on this node: its actor system (named after nothing but the run), the
 * embedded Aeron media driver, the learner and the expert sampler. {@link Trainer} builds these for
 * train, resume, fork and replay; {@link #close()} shuts everything down (the log is consistent at
 * any point: every event is one atomic document).
 */
public final class TrainingSystem implements AutoCloseable {

    /** Actor-system settings the pipeline relies on, over the run's own configuration. */
    static final String SYSTEM_CONFIG = """
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = WARNING
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            pekko.actor.provider = local
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko.persistence.journal.plugin = "amp.storage.journal"
            pekko.persistence.snapshot-store.plugin = "pekko.persistence.no-snapshot-store"
            """;

    /** Null when the run lives in a {@link PipelineHost}'s driver and actor system. */
    private final EmbeddedMediaDriver driver;
    private final AmpLearner learner;
    private final ActorSystem<Guardian.Command> system;
    private final ActorRef<Guardian.Command> guardian;
    private final Scheduler scheduler;

    private TrainingSystem(EmbeddedMediaDriver driver, AmpLearner learner, ActorSystem<Guardian.Command> system,
            ActorRef<Guardian.Command> guardian, Scheduler scheduler) {
        this.driver = driver;
        this.learner = learner;
        this.system = system;
        this.guardian = guardian;
        this.scheduler = scheduler;
    }

    /** Everything one pipeline is built from; {@code host} null = its own actor system and media driver. */
    record Build(Config config, RunStore store, String run, EnvFactory envs, ExpertMotion expert,
            TrainingCheckpoint start, boolean telemetry, Guardian.Driver driver, PipelineHost host) {}

    static TrainingSystem start(Build b) {
        TrainingSettings training = TrainingSettings.fromConfig(b.config());
        LearnerSettings learnerSettings = RunLearnerSettings.of(b.config());
        TransportSettings transport = DriverDirectories.forThisProcess(TransportSettings.fromConfig(b.config()));
        LearnerDims dims = PipelineContext.dimsOf(b.envs().spec());
        ShardLayout layout = new ShardLayout(training.numEnvs(), training.shards());
        IterationCoordinator.Start start;
        AmpLearner learner;
        if (b.start() == null) {
            learner = AmpLearner.create(learnerSettings, dims, training.seed());
            start = IterationCoordinator.Start.fresh(training.shards());
        } else {
            if (b.start().numEnvs() != training.numEnvs() || b.start().shards() != training.shards()) {
                throw new IllegalArgumentException("checkpoint of iteration " + b.start().iteration() + " holds "
                        + b.start().numEnvs() + " envs in " + b.start().shards() + " shards; the configuration has "
                        + training.numEnvs() + " in " + training.shards() + " (" + TrainingSettings.PATH
                        + ".num-envs/shards must match)");
            }
            learner = AmpLearner.restore(learnerSettings, b.start().learnerState());
            b.expert().seek(b.start().expertPosition());
            start = IterationCoordinator.Start.of(b.start());
        }
        if (b.host() != null) {
            return startIn(b.host(), b, training, learnerSettings, transport, dims, layout, learner, start);
        }
        EmbeddedMediaDriver driver;
        try {
            driver = EmbeddedMediaDriver.launch(transport);
        } catch (RuntimeException e) {
            learner.close();
            throw e;
        }
        try {
            PipelineContext pipeline = new PipelineContext(b.run(), RunIds.of(b.run()), training, learnerSettings, dims,
                    b.envs(), layout, driver.aeron(), transport);
            Supplier<TelemetryWriter> telemetry = b.telemetry() && training.telemetry()
                    ? () -> b.store().telemetryWriter(b.run()) : null;
            Config systemConfig = ConfigFactory.parseString(SYSTEM_CONFIG)
                    .withFallback(ConfigFactory.parseMap(Map.of("amp.storage.runs-dir",
                            b.store().settings().runsDir().toString())))
                    .withFallback(b.config())
                    .withFallback(ConfigFactory.defaultReference())
                    .resolve();
            ActorSystem<Guardian.Command> system = ActorSystem.create(Guardian.create(pipeline, learner, b.expert(),
                    telemetry, new LocalShards(), start, b.driver()), "amp", systemConfig);
            return new TrainingSystem(driver, learner, system, system, system.scheduler());
        } catch (RuntimeException e) {
            driver.close();
            learner.close();
            throw e;
        }
    }

    /** The pipeline as a child of a cluster node's actor system, on the node's media driver. */
    private static TrainingSystem startIn(PipelineHost host, Build b, TrainingSettings training, LearnerSettings learnerSettings,
            TransportSettings transport, LearnerDims dims, ShardLayout layout, AmpLearner learner, IterationCoordinator.Start start) {
        try {
            StreamChannels channels = host.learnerChannels(transport);
            PipelineContext pipeline = new PipelineContext(b.run(), RunIds.of(b.run()), training, learnerSettings, dims,
                    b.envs(), layout, host.aeron(), transport, channels);
            Supplier<TelemetryWriter> telemetry = b.telemetry() && training.telemetry()
                    ? () -> b.store().telemetryWriter(b.run()) : null;
            ActorRef<Guardian.Command> guardian = host.spawn(Guardian.create(pipeline, learner, b.expert(), telemetry,
                    host.shards(RunConfig.render(b.config()), channels, RunVersions.versions(b.envs()),
                            RunVersions.threads(b.envs(), learnerSettings)), start, b.driver()), "run-" + b.run());
            return new TrainingSystem(null, learner, null, guardian, host.scheduler());
        } catch (RuntimeException e) {
            learner.close();
            throw e;
        }
    }

    /** Asks the run to stop at the next iteration boundary. */
    public void requestStop() {
        guardian.tell(new Guardian.Stop());
    }

    @Override
    public void close() {
        try {
            // Telemetry lags the commits by design: let it catch up before the actors stop.
            AskPattern.<Guardian.Command, Done>ask(guardian,
                    Guardian.FlushTelemetry::new, Duration.ofSeconds(30), scheduler)
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // Shutting down anyway; a resume re-creates nothing from telemetry.
        }
        if (system == null) {
            closeHosted();
            return;
        }
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // Shutting down anyway.
        }
        driver.close();
        learner.close();
    }

    /** Stops the run's guardian (children first) in the host's system; the host's driver stays up. */
    private void closeHosted() {
        try {
            AskPattern.<Guardian.Command, Done>ask(guardian,
                    Guardian.Shutdown::new, Duration.ofSeconds(30), scheduler)
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // The learner is closed regardless: nothing of the run is used after this.
        }
        learner.close();
    }
}
