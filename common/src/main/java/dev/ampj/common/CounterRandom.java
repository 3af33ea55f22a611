package dev.ampj.common;

import java.nio.charset.StandardCharsets;

/**
 * Counter-based random numbers: every draw is a pure function of (seed, purpose, ids, counter).
 *
 * <p>This is the only source of randomness in numeric code (DESIGN.md §4). A stream is named by a
 * {@link #key key} derived from the run seed, a purpose string ("action", "minibatch", ...) and any
 * ids (env id, iteration, ...); the n-th draw of that stream is {@code bits(key, n)}. Nothing is
 * shared between streams, so the numbers an env sees never depend on threads, placement or on what
 * else ran; a stream's whole state is its key and a counter, which checkpoints record.
 *
 * <p>Mixing is SplitMix64's output function (Stafford variant 13) applied to a Weyl sequence; the
 * gaussian uses Box–Muller with {@link StrictMath} so values are bit-identical on every JVM/CPU.
 */
public final class CounterRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2.0 * Math.PI;
    private static final double INV_2_53 = 0x1.0p-53;

    private CounterRandom() {}

    /** Key of the stream (seed, purpose, ids...). Stable across JVMs: FNV-1a over UTF-8 for the purpose. */
    public static long key(long seed, String purpose, long... ids) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h ^ fnv1a64(purpose));
        for (long id : ids) {
            h = mix(h + GOLDEN ^ mix(id));
        }
        return h;
    }

    /** The n-th 64 random bits of the stream {@code key}. */
    public static long bits(long key, long counter) {
        return mix(key + GOLDEN * (counter + 1));
    }

    /** Uniform double in [0, 1) from draw {@code counter}. */
    public static double uniform(long key, long counter) {
        return (bits(key, counter) >>> 11) * INV_2_53;
    }

    /** Uniform float in [0, 1) from draw {@code counter}. */
    public static float uniformFloat(long key, long counter) {
        return (bits(key, counter) >>> 40) * 0x1.0p-24f;
    }

    /** Uniform int in [0, bound) from draw {@code counter} (Lemire's multiply-shift; bias < 2^-32 for bounds < 2^31). */
    public static int uniformInt(long key, long counter, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long r = bits(key, counter) >>> 32;
        return (int) ((r * bound) >>> 32);
    }

    /** Standard normal from draws {@code 2*index} and {@code 2*index+1} (Box–Muller, cosine branch). */
    public static double gaussian(long key, long index) {
        double u1 = 1.0 - uniform(key, 2 * index); // (0, 1]: log never sees 0
        double u2 = uniform(key, 2 * index + 1);
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
    }

    /** Stafford variant 13 of the SplitMix64 finaliser: a bijection with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv1a64(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xFF);
            h *= 0x100000001B3L;
        }
        return h;
    }
}
