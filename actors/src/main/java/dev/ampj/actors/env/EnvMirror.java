package dev.ampj.actors.env;

/**
 * An env's left/right mirror as signed 1-based permutations (the learner's symmetry map format)
 * of its policy observation, critic observation, action and AMP observation.
 */
public record EnvMirror(int[] policyObs, int[] criticObs, int[] actions, int[] ampObs) {}
