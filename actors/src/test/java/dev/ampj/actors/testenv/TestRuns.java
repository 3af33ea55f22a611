package dev.ampj.actors.testenv;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small pipeline configurations and helpers shared by the pipeline tests. */
public final class TestRuns {

    private TestRuns() {}

    /** Tiny networks, a few envs, short horizon: an iteration takes well under a second. */
    public static final String SMALL = """
            amp.actors.training { num-envs = 6, horizon = 8, shards = 2, iterations = 4, checkpoint-every = 2,
                                  stage-timeout = 60s }
            amp.actors.transport { term-length = 1 MiB, max-message-size = 64 KiB, node-name = "test" }
            amp.learner {
              inference-micro-batch = 4
              policy { actor-hidden-dims = [16, 16], critic-hidden-dims = [16, 16] }
              ppo { num-learning-epochs = 2, num-mini-batches = 2 }
              discriminator { hidden-dims = [16], num-learning-epochs = 2, num-mini-batches = 2, replay-buffer-size = 512 }
            }
            """;

    public static Config config(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString(SMALL))
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }

    public static Trainer trainer(Path runsDir) {
        return new Trainer(new PointMassComponents(), new RunStore(StorageSettings.defaults(runsDir)));
    }

    /** Collects what a run commits and verifies. */
    public static class Recorder implements TrainingListener {
        public final List<IterationCommitted> committed = new ArrayList<>();
        public final List<IterationOutcome.Done> verified = new ArrayList<>();
        public volatile RunOutcome outcome;

        @Override
        public synchronized void onCommitted(IterationCommitted c) {
            committed.add(c);
        }

        @Override
        public synchronized void onVerified(IterationOutcome.Done d) {
            verified.add(d);
        }

        @Override
        public void onEnd(RunOutcome o) {
            outcome = o;
        }
    }
}
