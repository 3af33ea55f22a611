package dev.ampj.learner.algo;

/** Style rewards of a rollout [T*N] and their mean and std. */
public record StyleRewardStats(float[] rewards, double mean, double std) {

    static StyleRewardStats of(float[] r) {
        double m = 0;
        for (float v : r) {
            m += v;
        }
        m /= r.length;
        double ss = 0;
        for (float v : r) {
            ss += (v - m) * (v - m);
        }
        return new StyleRewardStats(r, m, Math.sqrt(ss / r.length));
    }
}
