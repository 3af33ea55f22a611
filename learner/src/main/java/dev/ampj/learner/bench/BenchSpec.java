package dev.ampj.learner.bench;

/**
 * Shape of the learner benchmark workload: envs x horizon samples per update, networks, PPO
 * epochs x mini-batches (the discriminator takes as many steps), BCE discriminator with gradient
 * penalty on expert pairs and the minibatch-std feature. With {@code overlap} the discriminator and
 * PPO updates run concurrently on two threads, as the training pipeline runs them. {@code microBatch}
 * is the rollout-side inference's {@code inference-micro-batch} (0: the envs, one call per step, as
 * a shard of that many envs with {@code auto} and as the anchor).
 */
public record BenchSpec(
        String preset,
        int envs,
        int horizon,
        int obs,
        int actions,
        int amp,
        int[] acHidden,
        int[] discHidden,
        int epochs,
        int miniBatches,
        int threads,
        int updates,
        int warmup,
        boolean overlap,
        int microBatch) {

    public static BenchSpec preset(String name) {
        return switch (name) {
            case "ostrich" -> new BenchSpec("ostrich", 512, 24, 30, 6, 22, new int[] {512, 256, 128},
                    new int[] {256, 256}, 5, 4, 2, 5, 2, false, 0);
            case "g1" -> new BenchSpec("g1", 512, 24, 81, 23, 46, new int[] {512, 256, 128},
                    new int[] {1024, 512}, 5, 4, 2, 5, 2, false, 0);
            default -> throw new IllegalArgumentException("--preset " + name + ": expected ostrich or g1");
        };
    }

    public BenchSpec {
        if (envs <= 0 || horizon <= 0 || obs <= 0 || actions <= 0 || amp <= 0 || epochs <= 0 || miniBatches <= 0
                || threads <= 0 || updates <= 0 || warmup < 0 || microBatch < 0) {
            throw new IllegalArgumentException("bench learner: every size must be positive (envs " + envs + ", horizon "
                    + horizon + ", obs " + obs + ", act " + actions + ", amp " + amp + ", epochs " + epochs
                    + ", minibatches " + miniBatches + ", threads " + threads + ", updates " + updates + ", micro-batch "
                    + microBatch + ")");
        }
        if ((long) envs * horizon < miniBatches) {
            throw new IllegalArgumentException("bench learner: envs x horizon (" + (long) envs * horizon
                    + ") must be at least --minibatches (" + miniBatches + ")");
        }
    }

    /** Rows per inference call: {@code microBatch}, or the envs when it is 0. */
    public int inferenceRows() {
        return microBatch == 0 ? envs : microBatch;
    }

    /** Forward multiply-accumulates of one row through an MLP of these sizes. */
    static long macs(int in, int[] hidden, int out) {
        long m = 0;
        int prev = in;
        for (int h : hidden) {
            m += (long) prev * h;
            prev = h;
        }
        return m + (long) prev * out;
    }

    /**
     * Model FLOPs of one update (matrix products only): PPO forward + backward (3x forward) over
     * every sample each epoch; discriminator forward + backward on policy pairs, and twice that on
     * expert pairs (the explicit input gradient doubles the graph).
     */
    public double updateFlops() {
        long n = (long) envs * horizon;
        double ppo = 3.0 * 2.0 * (macs(obs, acHidden, actions) + macs(obs, acHidden, 1)) * n * epochs;
        long batch = n / miniBatches;
        double d = 2.0 * macs(2 * amp + 1, discHidden, 1);
        double disc = (3.0 * d + 6.0 * d) * batch * epochs * miniBatches;
        return ppo + disc;
    }

    /** Model FLOPs of one env step of rollout-side work: actor, critic and discriminator forwards. */
    public double actFlops() {
        return 2.0 * (macs(obs, acHidden, actions) + macs(obs, acHidden, 1) + macs(2 * amp + 1, discHidden, 1));
    }
}
