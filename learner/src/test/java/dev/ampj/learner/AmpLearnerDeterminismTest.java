package dev.ampj.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.learner.algo.DiscriminatorStats;
import dev.ampj.learner.algo.PpoStats;
import dev.ampj.learner.algo.StyleRewardStats;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bit-identical digests: repeated runs, save/restore, concurrent D and PPO updates. */
class AmpLearnerDeterminismTest {

    static final LearnerDims D = Fixtures.DIMS;
    static final int T = 8;
    static final int N = 16;

    static void iterate(AmpLearner l, int k) {
        Fixtures.iterate(l, k);
    }

    static String digests(AmpLearner l) {
        return Fixtures.digests(l);
    }

    @Test
    void twoRunsFromTheSameSeedAreBitIdenticalAndSeedsDiffer() {
        LearnerSettings s = Fixtures.small();
        try (AmpLearner a = AmpLearner.create(s, D, 1); AmpLearner b = AmpLearner.create(s, D, 1);
                AmpLearner c = AmpLearner.create(s, D, 2)) {
            for (int k = 0; k < 3; k++) {
                iterate(a, k);
                iterate(b, k);
                iterate(c, k);
            }
            assertEquals(digests(a), digests(b));
            assertNotEquals(digests(a), digests(c));
        }
    }

    /** Also for WGAN-GP (interpolation weights keyed by iteration) with minibatch-std and the AMP mirror. */
    @ParameterizedTest
    @ValueSource(strings = {"", "amp.learner.discriminator { loss = wgan, minibatch-std = true, amp-obs-map = [1, -2, 3] }"})
    void saveAfterKUpdatesRestoreAndContinueEqualsTheUninterruptedRun(String overrides) {
        LearnerSettings s = Fixtures.small(overrides);
        try (AmpLearner full = AmpLearner.create(s, D, 5); AmpLearner first = AmpLearner.create(s, D, 5)) {
            for (int k = 0; k < 5; k++) {
                iterate(full, k);
            }
            for (int k = 0; k < 2; k++) {
                iterate(first, k);
            }
            byte[] state = first.saveState();
            try (AmpLearner resumed = AmpLearner.restore(s, state)) {
                assertEquals(digests(first), digests(resumed));
                for (int k = 2; k < 5; k++) {
                    iterate(resumed, k);
                }
                assertEquals(digests(full), digests(resumed));
                assertEquals(java.util.Arrays.hashCode(full.saveState()), java.util.Arrays.hashCode(resumed.saveState()));
            }
        }
    }

    @Test
    void concurrentDiscriminatorAndPpoUpdatesGiveTheSequentialDigests() throws Exception {
        LearnerSettings s = Fixtures.small();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (AmpLearner seq = AmpLearner.create(s, D, 9); AmpLearner par = AmpLearner.create(s, D, 9)) {
            for (int k = 0; k < 4; k++) {
                iterate(seq, k);
                Rollout r = Fixtures.rollout(D, T, N, 100 + k);
                int need = par.discriminator().expertPairsNeeded(r.steps());
                float[] e = Fixtures.gaussian(200 + k, "e", need * D.ampObs(), 1.0);
                float[] en = Fixtures.gaussian(200 + k, "en", need * D.ampObs(), 1.0);
                StyleRewardStats style = par.discriminator().styleRewards(r.ampObs(), r.ampNextObs(), r.steps());
                CompletableFuture<DiscriminatorStats> d = CompletableFuture.supplyAsync(
                        () -> par.discriminator().update(r.ampObs(), r.ampNextObs(), r.steps(), e, en, need), pool);
                CompletableFuture<PpoStats> p = CompletableFuture.supplyAsync(
                        () -> par.ppo().update(r, style.rewards()), pool);
                d.get();
                p.get();
            }
            assertEquals(digests(seq), digests(par));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void corruptOrUnknownStateIsRejectedClearly() {
        LearnerSettings s = Fixtures.small();
        try (AmpLearner a = AmpLearner.create(s, D, 5)) {
            iterate(a, 0);
            byte[] state = a.saveState();
            byte[] flipped = state.clone();
            flipped[flipped.length / 2] ^= 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AmpLearner.restore(s, flipped));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            byte[] future = state.clone();
            future[7] = 9;
            e = assertThrows(IllegalArgumentException.class, () -> AmpLearner.restore(s, future));
            assertTrue(e.getMessage().contains("unknown version 9"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> AmpLearner.restore(s, new byte[] {1, 2, 3}));
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    void badRolloutIsRejectedNamingTheTensorAndNothingChanges() {
        LearnerSettings s = Fixtures.small();
        try (AmpLearner a = AmpLearner.create(s, D, 5)) {
            String before = digests(a);
            Rollout ok = Fixtures.rollout(D, T, N, 1);
            float[] rewards = ok.taskRewards().clone();
            rewards[N + 3] = Float.POSITIVE_INFINITY;
            Rollout bad = ok.with(RolloutColumn.TASK_REWARDS, rewards);
            int need = a.discriminator().expertPairsNeeded(ok.steps());
            float[] e = new float[need * D.ampObs()];
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> a.iterate(bad, e, e, need));
            assertEquals("rollout.taskRewards[t=1, env=3] is Infinity: expected a finite value", ex.getMessage());
            float[] obs = ok.policyObs().clone();
            obs[5] = Float.NaN;
            Rollout badObs = ok.with(RolloutColumn.POLICY_OBS, obs);
            ex = assertThrows(IllegalArgumentException.class, () -> a.ppo().update(badObs, null));
            assertTrue(ex.getMessage().startsWith("rollout.policyObs[t=0, env=0, col=5] is NaN"), ex.getMessage());
            Rollout shape = ok.with(RolloutColumn.POLICY_OBS, new float[3]);
            ex = assertThrows(IllegalArgumentException.class, () -> a.ppo().update(shape, null));
            assertTrue(ex.getMessage().startsWith("rollout.policyObs: expected 128 x 6"), ex.getMessage());
            Rollout empty = Rollout.allocate(0, N, D);
            ex = assertThrows(IllegalArgumentException.class, () -> a.ppo().update(empty, null));
            assertTrue(ex.getMessage().contains("empty batch"), ex.getMessage());
            Rollout tiny = Fixtures.rollout(D, 1, 1, 3);
            ex = assertThrows(IllegalArgumentException.class, () -> a.ppo().update(tiny, null));
            assertTrue(ex.getMessage().contains("fewer than amp.learner.ppo.num-mini-batches = 2"), ex.getMessage());
            float[] style = new float[ok.steps()];
            style[4] = Float.NaN;
            ex = assertThrows(IllegalArgumentException.class, () -> a.ppo().update(ok, style));
            assertTrue(ex.getMessage().contains("styleRewards[4] is NaN"), ex.getMessage());
            ex = assertThrows(IllegalArgumentException.class, () -> a.ppo().update(ok, new float[3]));
            assertTrue(ex.getMessage().contains("styleRewards"), ex.getMessage());
            ex = assertThrows(IllegalArgumentException.class,
                    () -> a.discriminator().update(ok.ampObs(), ok.ampNextObs(), ok.steps(), e, e, need - 1));
            assertTrue(ex.getMessage().contains("expertAmpObs"), ex.getMessage());
            float[] nanExpert = e.clone();
            nanExpert[0] = Float.NaN;
            ex = assertThrows(IllegalArgumentException.class,
                    () -> a.discriminator().update(ok.ampObs(), ok.ampNextObs(), ok.steps(), nanExpert, e, need));
            assertTrue(ex.getMessage().startsWith("expertAmpObs[pair 0, col 0] is NaN"), ex.getMessage());
            assertEquals(before, digests(a));
            assertEquals(0, a.discriminator().replayBuffer().size());
        }
    }
}
