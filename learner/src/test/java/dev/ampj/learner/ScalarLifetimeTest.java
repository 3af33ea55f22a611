package dev.ampj.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.storage.Rollout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Updates under garbage-collector pressure give the quiet run's numbers. Autograd keeps the scalar
 * operands of products, maxima and minima for the backward pass; a scalar in memory the collector can
 * free (DJL's {@code x.mul(0.5f)} puts it in a direct buffer and releases it at once) is then read after
 * that memory has been freed and reused, and the gradient is garbage (here: a scribbler thread fills
 * freed memory with 1e30).
 */
class ScalarLifetimeTest {

    static final LearnerDims D = Fixtures.DIMS;
    static final int ITERATIONS = 4;

    static LearnerSettings settings(String loss) {
        return Fixtures.small("""
                amp.learner.ppo.num-learning-epochs = 5
                amp.learner.ppo.num-mini-batches = 4
                amp.learner.discriminator.loss = %s
                amp.learner.policy.activation = elu
                amp.learner.discriminator.activation = elu
                """.formatted(loss));
    }

    static List<String> run(LearnerSettings s) {
        List<String> out = new ArrayList<>();
        try (AmpLearner l = AmpLearner.create(s, D, 2)) {
            for (int k = 0; k < ITERATIONS; k++) {
                Rollout r = Fixtures.rollout(D, 16, 32, 100 + k);
                int need = l.discriminator().expertPairsNeeded(r.steps());
                AmpLearner.IterationResult res = l.iterate(r, Fixtures.gaussian(200 + k, "e", need * D.ampObs(), 1.0),
                        Fixtures.gaussian(200 + k, "en", need * D.ampObs(), 1.0), need);
                out.add(k + " " + Fixtures.digests(l) + " " + res.asMap());
            }
        }
        return out;
    }

    @Test
    void updatesUnderCollectorPressureEqualTheQuietRun() throws Exception {
        for (String loss : new String[] {"bce", "lsgan"}) {
            LearnerSettings s = settings(loss);
            List<String> quiet = run(s);
            AtomicBoolean stop = new AtomicBoolean();
            Thread scribbler = new Thread(() -> {
                while (!stop.get()) {
                    for (int j = 0; j < 200; j++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(4 + 16 * (j % 16));
                        while (b.remaining() >= Float.BYTES) {
                            b.putFloat(1e30f);
                        }
                    }
                    System.gc();
                }
            }, "scribbler");
            scribbler.setDaemon(true);
            scribbler.start();
            try {
                for (int rep = 0; rep < 2; rep++) {
                    assertEquals(quiet, run(s), loss + ", repeat " + rep);
                }
            } finally {
                stop.set(true);
                scribbler.join();
            }
        }
    }
}
