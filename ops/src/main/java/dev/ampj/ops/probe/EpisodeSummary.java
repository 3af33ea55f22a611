package dev.ampj.ops.probe;

/**
 * One whole episode of one env as the probe saw it: its length in steps, its return (sum of the
 * combined reward) and that return split into the sums of the task and the style reward.
 * {@code iteration} is the iteration in which it ended.
 */
record EpisodeSummary(int env, long episode, long iteration, int length, double taskReturn, double styleReturn,
        double combinedReturn) {}
