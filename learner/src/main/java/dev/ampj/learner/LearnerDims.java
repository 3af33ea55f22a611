package dev.ampj.learner;

/**
 * Widths of the arrays the learner exchanges: policy observation, critic observation (may differ:
 * asymmetric critic), action, and one AMP observation (the discriminator sees the pair s, s').
 */
public record LearnerDims(int policyObs, int criticObs, int actions, int ampObs) {

    public LearnerDims {
        if (policyObs <= 0 || criticObs <= 0 || actions <= 0 || ampObs <= 0) {
            throw new IllegalArgumentException("learner dims must be positive: policyObs=" + policyObs
                    + " criticObs=" + criticObs + " actions=" + actions + " ampObs=" + ampObs);
        }
    }
}
