package dev.ampj.actors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.ExpertMotion;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that fails in its first iteration releases its media driver: the next run in the JVM starts. */
class FailedRunReleasesDriverTest {

    @TempDir
    Path runs;

    /** The default components, with expert pairs one float wider than the env's AMP states. */
    static final class MismatchedExpert implements Components {
        private final DefaultComponents real = new DefaultComponents();

        @Override
        public EnvFactory envs(Config config) {
            return real.envs(config);
        }

        @Override
        public ExpertMotion expert(Config config, VecEnvSpec spec, long seed) {
            int dim = spec.ampDim() + 1;
            return new ExpertMotion() {
                @Override
                public int dim() {
                    return dim;
                }

                @Override
                public void sample(int n, float[] s, float[] next) {}

                @Override
                public long position() {
                    return 0;
                }

                @Override
                public void seek(long p) {}
            };
        }
    }

    @Test
    void theNextRunInTheSameJvmStarts() {
        Config config = TestRuns.config("amp.actors.training { num-envs = 4, horizon = 4, shards = 1, iterations = 1 }");
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        RunOutcome failed;
        try {
            failed = new Trainer(new MismatchedExpert(), store).train(config, "bad", new Trainer.Options(null, null, new TestRuns.Recorder()))
                    .await();
        } catch (RuntimeException e) {
            failed = null; // refused before it started: also fine, nothing was left running
        }
        if (failed != null) {
            assertEquals(RunOutcome.Kind.FAILED, failed.kind(), failed.message());
        }
        RunOutcome ok = new Trainer(new DefaultComponents(), store).train(config, "good",
                new Trainer.Options(null, null, new TestRuns.Recorder())).await();
        assertEquals(RunOutcome.Kind.FINISHED, ok.kind(), ok.message());
    }
}
