package dev.ampj.learner.algo;

/** Style rewards of a rollout [T*N] (times amp_reward_coef), the discriminator logits they came from, and the rewards' mean and std. */
public record StyleRewardStats(float[] rewards, float[] logits, double mean, double std) {

    static StyleRewardStats of(float[] r, float[] logits) {
        double m = 0;
        for (float v : r) {
            m += v;
        }
        m /= r.length;
        double ss = 0;
        for (float v : r) {
            ss += (v - m) * (v - m);
        }
        return new StyleRewardStats(r, logits, m, Math.sqrt(ss / r.length));
    }
}
