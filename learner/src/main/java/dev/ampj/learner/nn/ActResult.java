package dev.ampj.learner.nn;

/**
 * Rollout-side inference for {@code rows} envs, row-major: sampled actions [rows][actions], their
 * log-probabilities [rows], values [rows], action means [rows][actions] and the (state-independent)
 * action std [actions].
 */
public record ActResult(float[] actions, float[] logProbs, float[] values, float[] means, float[] std) {}
