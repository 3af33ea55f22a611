package dev.ampj.actors.training;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.guardian.Guardian;
import dev.ampj.actors.shard.LocalShards;
import dev.ampj.actors.transport.EmbeddedMediaDriver;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.sim.wire.RunIds;
import dev.ampj.storage.RunStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;

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

    private final EmbeddedMediaDriver driver;
    private final AmpLearner learner;
    private final ActorSystem<Guardian.Command> system;

    private TrainingSystem(EmbeddedMediaDriver driver, AmpLearner learner, ActorSystem<Guardian.Command> system) {
        this.driver = driver;
        this.learner = learner;
        this.system = system;
    }

    /** Everything one pipeline is built from. */
    record Build(Config config, RunStore store, String run, EnvFactory envs, ExpertMotion expert,
            TrainingCheckpoint start, boolean telemetry, Guardian.Driver driver) {}

    static TrainingSystem start(Build b) {
        TrainingSettings training = TrainingSettings.fromConfig(b.config());
        LearnerSettings learnerSettings = LearnerSettings.fromConfig(b.config());
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
        EmbeddedMediaDriver driver;
        try {
            driver = EmbeddedMediaDriver.launch(transport);
        } catch (RuntimeException e) {
            learner.close();
            throw e;
        }
        try {
            PipelineContext pipeline = new PipelineContext(b.run(), RunIds.of(b.run()), training, learnerSettings, dims,
                    b.envs(), layout, driver.aeron(), transport, new RolloutBuffers());
            java.util.function.Supplier<dev.ampj.storage.telemetry.TelemetryWriter> telemetry = b.telemetry() && training.telemetry()
                    ? () -> b.store().telemetryWriter(b.run()) : null;
            Config systemConfig = ConfigFactory.parseString(SYSTEM_CONFIG)
                    .withFallback(ConfigFactory.parseMap(java.util.Map.of("amp.storage.runs-dir",
                            b.store().settings().runsDir().toString())))
                    .withFallback(b.config())
                    .withFallback(ConfigFactory.defaultReference())
                    .resolve();
            ActorSystem<Guardian.Command> system = ActorSystem.create(Guardian.create(pipeline, learner, b.expert(),
                    telemetry, new LocalShards(), start, b.driver()), "amp", systemConfig);
            return new TrainingSystem(driver, learner, system);
        } catch (RuntimeException e) {
            driver.close();
            learner.close();
            throw e;
        }
    }

    /** Asks the run to stop at the next iteration boundary. */
    public void requestStop() {
        system.tell(new Guardian.Stop());
    }

    @Override
    public void close() {
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
}
