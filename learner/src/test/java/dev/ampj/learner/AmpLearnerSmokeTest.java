package dev.ampj.learner;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.learner.storage.Rollout;
import org.junit.jupiter.api.Test;

class AmpLearnerSmokeTest {

    @Test
    void oneIterationChangesBothNetworksAndReportsFiniteDiagnostics() {
        try (AmpLearner learner = AmpLearner.create(Fixtures.small(), Fixtures.DIMS, 7)) {
            Rollout r = Fixtures.rollout(Fixtures.DIMS, 8, 16, 1);
            int need = learner.discriminator().expertPairsNeeded(r.steps());
            float[] e = Fixtures.gaussian(2, "expert", need * 3, 1.0);
            float[] en = Fixtures.gaussian(2, "expertnext", need * 3, 1.0);
            String p0 = learner.policyDigest();
            String d0 = learner.discriminatorDigest();
            AmpLearner.IterationResult res = learner.iterate(r, e, en, need);
            System.out.println(res.ppo().asMap());
            System.out.println(res.discriminator().asMap());
            assertNotEquals(p0, learner.policyDigest());
            assertNotEquals(d0, learner.discriminatorDigest());
            res.ppo().asMap().forEach((k, v) -> assertTrue(Double.isFinite(v), k));
            res.discriminator().asMap().forEach((k, v) -> assertTrue(Double.isFinite(v), k));
        }
    }
}
