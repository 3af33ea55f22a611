package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.common.CounterRandom;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.nn.ActResult;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;
import org.junit.jupiter.api.Test;

/**
 * PPO learns a 1-D point mass to a target: x' = x + 0.2 clip(a, -1, 1), reward -x^2, episodes of
 * 20 steps ending in a timeout (bootstrapped), starts uniform in [-2, 2]. The critic also sees the
 * time left (asymmetric critic). Doing nothing scores about -27 per episode, the optimum about -3.
 */
class PointMassPpoTest {

    static final int ENVS = 64;
    static final int EPISODE = 20;
    static final LearnerDims DIMS = new LearnerDims(1, 2, 1, 1);

    static float start(long episode, int env) {
        return (float) (4 * CounterRandom.uniform(CounterRandom.key(3, "start", episode), env) - 2);
    }

    static float[] criticObs(float[] x, int t) {
        float[] c = new float[x.length * 2];
        for (int e = 0; e < x.length; e++) {
            c[2 * e] = x[e];
            c[2 * e + 1] = (EPISODE - t) / (float) EPISODE;
        }
        return c;
    }

    static float step(float x, float a) {
        return x + 0.2f * Math.max(-1f, Math.min(1f, a));
    }

    /** Mean episode return of the policy's mean action from 64 fixed starts. */
    static double evaluate(PolicyInference inf, int[] ids) {
        float[] x = new float[ENVS];
        for (int e = 0; e < ENVS; e++) {
            x[e] = start(-1, e);
        }
        double ret = 0;
        for (int t = 0; t < EPISODE; t++) {
            ActResult r = inf.act(t, ids, x, criticObs(x, t));
            for (int e = 0; e < ENVS; e++) {
                x[e] = step(x[e], r.means()[e]);
                ret -= x[e] * x[e];
            }
        }
        return ret / ENVS;
    }

    @Test
    void ppoDrivesThePointMassToItsTarget() {
        LearnerSettings s = LearnerSettings.fromConfig(ConfigFactory.parseString("""
                amp.learner.policy { actor-hidden-dims = [32, 32], critic-hidden-dims = [32, 32], init-noise-std = 0.5 }
                amp.learner.discriminator { hidden-dims = [8], replay-buffer-size = 10 }
                amp.learner.inference-micro-batch = 64
                amp.learner.torch-threads = 1
                """).withFallback(ConfigFactory.defaultReference()).resolve());
        int[] ids = new int[ENVS];
        for (int e = 0; e < ENVS; e++) {
            ids[e] = e;
        }
        try (AmpLearner learner = AmpLearner.create(s, DIMS, 21)) {
            double before;
            try (PolicyInference inf = learner.newInference()) {
                before = evaluate(inf, ids);
            }
            int n = EPISODE * ENVS;
            for (int it = 0; it < 60; it++) {
                float[] obs = new float[n], critic = new float[n * 2], act = new float[n], logp = new float[n];
                float[] val = new float[n], rew = new float[n], dones = new float[n], timeouts = new float[n];
                float[] timeoutValues = new float[n];
                float[] x = new float[ENVS];
                for (int e = 0; e < ENVS; e++) {
                    x[e] = start(it, e);
                }
                float[] last;
                try (PolicyInference inf = learner.newInference()) {
                    for (int t = 0; t < EPISODE; t++) {
                        float[] c = criticObs(x, t);
                        ActResult r = inf.act((long) it * EPISODE + t, ids, x, c);
                        for (int e = 0; e < ENVS; e++) {
                            int i = t * ENVS + e;
                            obs[i] = x[e];
                            critic[2 * i] = c[2 * e];
                            critic[2 * i + 1] = c[2 * e + 1];
                            act[i] = r.actions()[e];
                            logp[i] = r.logProbs()[e];
                            val[i] = r.values()[e];
                            x[e] = step(x[e], r.actions()[e]);
                            rew[i] = -x[e] * x[e];
                        }
                        if (t == EPISODE - 1) {
                            float[] tv = inf.values(ids, criticObs(x, t + 1));
                            for (int e = 0; e < ENVS; e++) {
                                timeouts[t * ENVS + e] = 1;
                                timeoutValues[t * ENVS + e] = tv[e];
                            }
                        }
                    }
                    last = inf.values(ids, criticObs(x, EPISODE)); // unused after a timeout, as in rsl_rl
                }
                Rollout rollout = Rollout.allocate(EPISODE, ENVS, DIMS)
                        .with(RolloutColumn.POLICY_OBS, obs).with(RolloutColumn.CRITIC_OBS, critic)
                        .with(RolloutColumn.ACTIONS, act).with(RolloutColumn.LOG_PROBS, logp).with(RolloutColumn.VALUES, val)
                        .with(RolloutColumn.TASK_REWARDS, rew).with(RolloutColumn.DONES, dones)
                        .with(RolloutColumn.TIMEOUTS, timeouts).with(RolloutColumn.TIMEOUT_VALUES, timeoutValues)
                        .with(RolloutColumn.LAST_VALUES, last);
                learner.ppo().update(rollout, null);
            }
            double after;
            try (PolicyInference inf = learner.newInference()) {
                after = evaluate(inf, ids);
            }
            System.out.println("point mass: mean return " + before + " -> " + after);
            assertTrue(before < -10, "the initial policy should be poor: " + before);
            assertTrue(after > -6, "PPO should reach the target: mean return " + after + " (initial " + before + ")");
        }
    }
}
