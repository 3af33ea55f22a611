package dev.ampj.actors.cluster;

import java.util.List;

/**
 * Which sim node gets which env block (shard): round robin over the nodes sorted by address, so a
 * placement is a pure function of the membership. Results never depend on it (env blocks are
 * placement-free); it only spreads the work evenly and predictably.
 */
public final class ShardAssignment {

    private ShardAssignment() {}

    /** Host of each of {@code shards} shards over {@code sortedHosts}: shard s on host s mod H. */
    public static String[] roundRobin(int shards, List<String> sortedHosts) {
        String[] out = new String[shards];
        for (int s = 0; s < shards; s++) {
            out[s] = sortedHosts.get(s % sortedHosts.size());
        }
        return out;
    }

    /** Hosts for {@code lost} shards (ascending) over the survivors: the i-th on survivor i mod H. */
    public static String[] spread(int[] lost, List<String> sortedSurvivors) {
        String[] out = new String[lost.length];
        for (int i = 0; i < lost.length; i++) {
            out[i] = sortedSurvivors.get(i % sortedSurvivors.size());
        }
        return out;
    }
}
