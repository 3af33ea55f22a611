package dev.ampj.ops.probe;

import java.util.Arrays;
import java.util.List;

/** Which global env ids a probe shows: all, or an explicit list. */
record EnvFilter(int[] sortedIds) {

    static EnvFilter of(List<Integer> ids) {
        if (ids == null || ids.isEmpty()) {
            return new EnvFilter(null);
        }
        int[] sorted = ids.stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int id : sorted) {
            if (id < 0) {
                throw new IllegalArgumentException("--env: env ids are non-negative, got " + id);
            }
        }
        return new EnvFilter(sorted);
    }

    boolean accepts(int envId) {
        return sortedIds == null || Arrays.binarySearch(sortedIds, envId) >= 0;
    }
}
