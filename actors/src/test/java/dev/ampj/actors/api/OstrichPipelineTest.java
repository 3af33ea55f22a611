package dev.ampj.actors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.ExpertMotion;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.common.CounterRandom;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in ode4j ostrich through the whole pipeline (expert pairs here are synthetic: this test
 * is about the robot in the actors, not the reference gaits): it trains, and the shard count does
 * not change a digest with real physics either.
 */
class OstrichPipelineTest {

    @TempDir
    Path runs;

    /** The ostrich envs of {@link DefaultComponents}; expert pairs drawn around the default pose. */
    static final class OstrichWithSyntheticExpert implements Components {
        private final DefaultComponents real = new DefaultComponents();

        @Override
        public EnvFactory envs(Config config) {
            return real.envs(config);
        }

        @Override
        public ExpertMotion expert(Config config, VecEnvSpec spec, long seed) {
            int dim = spec.ampDim();
            long key = CounterRandom.key(seed, "synthetic-expert");
            return new ExpertMotion() {
                private long position;

                @Override
                public int dim() {
                    return dim;
                }

                @Override
                public void sample(int n, float[] s, float[] next) {
                    for (int i = 0; i < n * dim; i++) {
                        s[i] = (float) (0.1 * CounterRandom.gaussian(key, position++));
                        next[i] = s[i] + (float) (0.01 * CounterRandom.gaussian(key, position++));
                    }
                }

                @Override
                public long position() {
                    return position;
                }

                @Override
                public void seek(long p) {
                    position = p;
                }
            };
        }
    }

    private List<IterationCommitted> train(String name, int shards) {
        Trainer trainer = new Trainer(new OstrichWithSyntheticExpert(), new RunStore(StorageSettings.defaults(runs)));
        TestRuns.Recorder rec = new TestRuns.Recorder();
        Config config = TestRuns.config("amp.actors.training { num-envs = 4, horizon = 6, shards = " + shards
                + ", iterations = 2 }");
        RunOutcome o = trainer.train(config, name, new Trainer.Options(null, null, rec)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        return rec.committed;
    }

    @Test
    void replayFromACheckpointReproducesTheOstrichRun() {
        Trainer trainer = new Trainer(new OstrichWithSyntheticExpert(), new RunStore(StorageSettings.defaults(runs)));
        Config config = TestRuns.config("amp.actors.training { num-envs = 4, horizon = 6, iterations = 3, checkpoint-every = 2 }");
        RunOutcome o = trainer.train(config, "ostrich-replay", new Trainer.Options(null, null, null)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        dev.ampj.actors.run.ReplayVerifier.Result r = trainer.replay("ostrich-replay", 3L, 3L, new TestRuns.Recorder());
        assertEquals(RunOutcome.Kind.FINISHED, r.outcome().kind(), r.outcome().message());
    }

    @Test
    void theOstrichTrainsThroughThePipelineWhateverTheShardCount() {
        List<IterationCommitted> one = train("ostrich-1", 1);
        List<IterationCommitted> two = train("ostrich-2", 2);
        assertEquals(2, one.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(one.get(i).policyDigest(), two.get(i).policyDigest());
            assertEquals(one.get(i).discriminatorDigest(), two.get(i).discriminatorDigest());
        }
        assertTrue(one.get(1).statistics().get("task_reward") != 0.0);
        assertEquals(2L * 4 * 6, one.get(1).envSteps());
    }
}
