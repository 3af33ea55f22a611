package dev.ampj.actors.run;

import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.storage.event.IterationCommitted;

/** Compares a re-executed iteration with its recorded commit, component by component. */
public final class Divergence {

    private Divergence() {}

    /** Null when both digests match; else which component of which iteration differs, with both values. */
    public static String of(IterationCommitted recorded, IterationOutcome.Done replayed) {
        if (!recorded.policyDigest().equals(replayed.policyDigest())) {
            return "iteration " + recorded.iteration() + ", component policy: recorded " + recorded.policyDigest()
                    + ", re-executed " + replayed.policyDigest();
        }
        if (!recorded.discriminatorDigest().equals(replayed.discriminatorDigest())) {
            return "iteration " + recorded.iteration() + ", component discriminator: recorded "
                    + recorded.discriminatorDigest() + ", re-executed " + replayed.discriminatorDigest();
        }
        if (recorded.envSteps() != replayed.envSteps()) {
            return "iteration " + recorded.iteration() + ", component env steps: recorded " + recorded.envSteps()
                    + ", re-executed " + replayed.envSteps();
        }
        return null;
    }
}
