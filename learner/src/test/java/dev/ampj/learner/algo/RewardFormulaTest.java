package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ampj.learner.config.DiscriminatorLossType;
import dev.ampj.learner.config.RewardCombine;
import dev.ampj.learner.config.StyleRewardSettings;
import org.junit.jupiter.api.Test;

/** Style reward and reward-combination modes against their formulas. */
class RewardFormulaTest {

    @Test
    void bceStyleRewardIsSoftplusClampedAtOneMinusSigmoidOf1e4() {
        for (float d : new float[] {-3f, -0.5f, 0f, 0.7f, 4f}) {
            double softplus = Math.log1p(Math.exp(d));
            assertEquals(2.0 * softplus, StyleReward.of(DiscriminatorLossType.BCE, 2.0, d), 1e-5, "d=" + d);
        }
        assertEquals(2.0 * -Math.log(1e-4), StyleReward.of(DiscriminatorLossType.BCE, 2.0, 30f), 1e-4);
    }

    @Test
    void lsganStyleRewardIsOneMinusQuarterSquaredDistanceToOneClampedAtZero() {
        assertEquals(0.5, StyleReward.of(DiscriminatorLossType.LSGAN, 0.5, 1f), 1e-7);
        assertEquals(0.5 * (1 - 0.25 * 0.25), StyleReward.of(DiscriminatorLossType.LSGAN, 0.5, 1.5f), 1e-7);
        assertEquals(0.0, StyleReward.of(DiscriminatorLossType.LSGAN, 0.5, -1f), 0.0);
        assertEquals(0.0, StyleReward.of(DiscriminatorLossType.LSGAN, 0.5, 3.5f), 0.0);
    }

    @Test
    void wganStyleRewardIsExpOfTanhOfTheScaledCriticOutputAndBounded() {
        for (float d : new float[] {-2f, -0.3f, 0f, 1.5f}) {
            assertEquals(2.0 * Math.exp(Math.tanh(0.3 * d)), StyleReward.of(DiscriminatorLossType.WGAN, 2.0, d), 1e-6, "d=" + d);
        }
        assertEquals(2.0 * Math.E, StyleReward.of(DiscriminatorLossType.WGAN, 2.0, 1e6f), 1e-6);
        assertEquals(2.0 / Math.E, StyleReward.of(DiscriminatorLossType.WGAN, 2.0, -1e6f), 1e-6);
    }

    @Test
    void combinationModesMatchTheirFormulas() {
        float task = 1.5f;
        float style = 0.4f;
        RewardCombiner lerp = new RewardCombiner(new StyleRewardSettings(2.0, RewardCombine.LERP, 0.3, 7, 9));
        assertEquals(0.3 * 1.5 + 0.7 * 0.4, lerp.combine(task, style), 1e-6);
        RewardCombiner pureTask = new RewardCombiner(new StyleRewardSettings(2.0, RewardCombine.LERP, 1.0, 7, 9));
        assertEquals(1.5, pureTask.combine(task, style), 0.0);
        RewardCombiner pureStyle = new RewardCombiner(new StyleRewardSettings(2.0, RewardCombine.LERP, 0.0, 7, 9));
        assertEquals(0.4f, pureStyle.combine(task, style), 0.0);
        RewardCombiner add = new RewardCombiner(new StyleRewardSettings(2.0, RewardCombine.ADD, 0.3, 0.5, 2.0));
        assertEquals(0.5 * 1.5 + 2.0 * 0.4, add.combine(task, style), 1e-6);
        RewardCombiner mul = new RewardCombiner(new StyleRewardSettings(2.0, RewardCombine.MUL, 0.3, 0.5, 2.0));
        assertEquals(0.5 * 1.5 * 2.0 * 0.4, mul.combine(task, style), 1e-6);
    }

    @Test
    void gaeBootstrapsTimeoutsAndCutsTracesAtEpisodeEnds() {
        // one env, three steps: step 1 times out (bootstrap 10), step 2 terminates.
        float[] r = {1, 1, 1};
        float[] v = {0.5f, 0.25f, 0.125f};
        double[][] g = Gae.compute(3, 1, r, v, new float[] {100}, new float[] {0, 0, 1}, new float[] {0, 1, 0},
                new float[] {0, 10, 0}, 0.9, 0.8);
        double d2 = 1 - 0.125;
        double d1 = 1 + 0.9 * 10 - 0.25;
        double d0 = 1 + 0.9 * 0.25 - 0.5;
        assertEquals(d2, g[0][2], 1e-12);
        assertEquals(d1, g[0][1], 1e-12);
        assertEquals(d0 + 0.9 * 0.8 * d1, g[0][0], 1e-12);
        assertEquals(g[0][0] + 0.5, g[1][0], 1e-12);
    }
}
