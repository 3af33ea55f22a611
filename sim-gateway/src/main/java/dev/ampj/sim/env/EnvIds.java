package dev.ampj.sim.env;

import java.util.Arrays;

/** Helpers for the blocks of global env ids a shard owns. */
public final class EnvIds {

    private EnvIds() {}

    /** {@code first, first + 1, ..., first + count - 1}. */
    public static int[] range(int first, int count) {
        if (count <= 0 || first < 0) {
            throw new IllegalArgumentException("env id range: expected first >= 0 and count > 0, got first="
                    + first + " count=" + count);
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = Math.addExact(first, i);
        }
        return ids;
    }

    /** Fails unless {@code ids} is non-empty, non-negative and free of duplicates. */
    public static int[] checked(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("a VecEnv needs at least one env id");
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        if (sorted[0] < 0) {
            throw new IllegalArgumentException("env ids must be >= 0, got " + sorted[0]);
        }
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("env id " + sorted[i] + " listed twice");
            }
        }
        return ids.clone();
    }
}
