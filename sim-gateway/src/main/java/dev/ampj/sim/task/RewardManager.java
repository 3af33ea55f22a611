package dev.ampj.sim.task;

import dev.ampj.sim.env.SimSettings;
import java.util.List;

/**
 * The task reward: Σ weight × term over the configured terms ({@code amp.sim.rewards}), each
 * weighted term also given on its own for logging. Stateless, shared by all envs.
 */
final class RewardManager {

    private final RewardTerm[] terms;
    private final double[] weights;
    private final List<String> names;

    RewardManager(List<RewardTerm> terms, double[] weights) {
        if (terms.size() != weights.length) {
            throw new IllegalArgumentException(terms.size() + " reward terms but " + weights.length + " weights");
        }
        this.terms = terms.toArray(new RewardTerm[0]);
        this.weights = weights.clone();
        this.names = terms.stream().map(RewardTerm::name).toList();
    }

    /**
     * The velocity task's terms, in the order runs log them. The joint-limit term, added after runs
     * were first recorded, is a term only when weighted, so runs without it keep their six columns.
     */
    static RewardManager of(SimSettings.Rewards r) {
        List<RewardTerm> terms = new java.util.ArrayList<>(List.of(
                new RewardTerm.TrackLinVelXExp(1.0 / (r.trackingSigma() * r.trackingSigma())),
                new RewardTerm.IsAlive(), new RewardTerm.FlatOrientation(), new RewardTerm.ActionRateL2(),
                new RewardTerm.JointTorquesL2(), new RewardTerm.JointPower()));
        double[] weights = {r.trackLinVelX(), r.alive(), r.upright(), r.actionRate(), r.jointTorque(), r.energy()};
        if (r.jointPosLimits() != 0) {
            terms.add(RewardTerm.JointPosLimits.of(r.softJointPosLimitFactor(), r.jointPosLimitsJoints()));
            weights = java.util.Arrays.copyOf(weights, weights.length + 1);
            weights[weights.length - 1] = r.jointPosLimits();
        }
        return new RewardManager(terms, weights);
    }

    /** Term names in the order of {@link #compute}'s per-term values. */
    List<String> names() {
        return names;
    }

    int size() {
        return terms.length;
    }

    /**
     * Writes weight × term of each term into {@code perTerm[off ..]} and returns their sum, summed
     * in double in term order and rounded once.
     */
    float compute(TaskContext c, float[] perTerm, int off) {
        double total = 0;
        for (int k = 0; k < terms.length; k++) {
            double v = weights[k] * terms[k].compute(c);
            perTerm[off + k] = (float) v;
            total += v;
        }
        return (float) total;
    }
}
