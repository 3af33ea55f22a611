package dev.ampj.learner;

import dev.ampj.common.CounterRandom;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;
import com.typesafe.config.ConfigFactory;

/** Small settings and synthetic rollouts drawn from counter-based streams. */
public final class Fixtures {

    private Fixtures() {}

    public static final LearnerDims DIMS = new LearnerDims(6, 8, 2, 3);

    /** Small networks, few steps, small replay buffer: fast enough for unit tests. */
    public static LearnerSettings small() {
        return small("");
    }

    /** {@link #small()} with {@code overrides} (HOCON) on top. */
    public static LearnerSettings small(String overrides) {
        return LearnerSettings.fromConfig(ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString("""
                amp.learner.policy.actor-hidden-dims = [16, 16]
                amp.learner.policy.critic-hidden-dims = [16, 16]
                amp.learner.discriminator.hidden-dims = [16, 16]
                amp.learner.discriminator.replay-buffer-size = 500
                amp.learner.ppo.num-learning-epochs = 2
                amp.learner.ppo.num-mini-batches = 2
                amp.learner.discriminator.num-learning-epochs = 2
                amp.learner.discriminator.num-mini-batches = 2
                amp.learner.inference-micro-batch = 8
                amp.learner.torch-threads = 1
                """)).withFallback(ConfigFactory.defaultReference()).resolve());
    }

    public static float[] gaussian(long seed, String purpose, int n, double scale) {
        long key = CounterRandom.key(seed, purpose);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * CounterRandom.gaussian(key, i));
        }
        return x;
    }

    public static float[] flags(long seed, String purpose, int n, double p) {
        long key = CounterRandom.key(seed, purpose);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = CounterRandom.uniform(key, i) < p ? 1f : 0f;
        }
        return x;
    }

    public static Rollout rollout(LearnerDims d, int horizon, int envs, long seed) {
        int n = horizon * envs;
        return Rollout.allocate(horizon, envs, d)
                .with(RolloutColumn.POLICY_OBS, gaussian(seed, "obs", n * d.policyObs(), 1.0))
                .with(RolloutColumn.CRITIC_OBS, gaussian(seed, "critic", n * d.criticObs(), 1.0))
                .with(RolloutColumn.ACTIONS, gaussian(seed, "act", n * d.actions(), 1.0))
                .with(RolloutColumn.LOG_PROBS, gaussian(seed, "logp", n, 0.5))
                .with(RolloutColumn.VALUES, gaussian(seed, "val", n, 1.0))
                .with(RolloutColumn.TASK_REWARDS, gaussian(seed, "rew", n, 1.0))
                .with(RolloutColumn.DONES, flags(seed, "done", n, 0.05))
                .with(RolloutColumn.TIMEOUTS, flags(seed, "timeout", n, 0.03))
                .with(RolloutColumn.TIMEOUT_VALUES, gaussian(seed, "tval", n, 1.0))
                .with(RolloutColumn.LAST_VALUES, gaussian(seed, "last", envs, 1.0))
                .with(RolloutColumn.AMP_OBS, gaussian(seed, "amp", n * d.ampObs(), 1.0))
                .with(RolloutColumn.AMP_NEXT_OBS, gaussian(seed, "ampnext", n * d.ampObs(), 1.0));
    }

    /** Iteration k of the standard synthetic run (T = 8, N = 16): rollout and expert pairs drawn from k. */
    public static void iterate(AmpLearner l, int k) {
        LearnerDims d = l.dims();
        Rollout r = rollout(d, 8, 16, 100 + k);
        int need = l.discriminator().expertPairsNeeded(r.steps());
        l.iterate(r, gaussian(200 + k, "e", need * d.ampObs(), 1.0), gaussian(200 + k, "en", need * d.ampObs(), 1.0), need);
    }

    public static String digests(AmpLearner l) {
        return l.policyDigest() + "/" + l.discriminatorDigest();
    }
}
