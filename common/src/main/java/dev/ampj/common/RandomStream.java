package dev.ampj.common;

/**
 * A cursor over one {@link CounterRandom} stream: its whole state is (key, position), so it can be
 * checkpointed with two longs and resumed exactly. Not thread-safe: one owner per stream.
 */
public final class RandomStream {

    private final long key;
    private long position;

    public RandomStream(long key, long position) {
        this.key = key;
        this.position = position;
    }

    public static RandomStream of(long seed, String purpose, long... ids) {
        return new RandomStream(CounterRandom.key(seed, purpose, ids), 0L);
    }

    public long key() {
        return key;
    }

    /** Number of draws consumed so far (the counter of the next draw). */
    public long position() {
        return position;
    }

    public long nextLong() {
        return CounterRandom.bits(key, position++);
    }

    public double nextDouble() {
        return CounterRandom.uniform(key, position++);
    }

    public float nextFloat() {
        return CounterRandom.uniformFloat(key, position++);
    }

    public int nextInt(int bound) {
        return CounterRandom.uniformInt(key, position++, bound);
    }

    /** Standard normal; consumes two draws. */
    public double nextGaussian() {
        double u1 = 1.0 - CounterRandom.uniform(key, position++);
        double u2 = CounterRandom.uniform(key, position++);
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Fisher–Yates permutation of 0..n-1 drawn from this stream (n draws). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
