package dev.ampj.storage.registry;

import java.util.Optional;

/**
 * One line of {@code amp runs}: a run as its log describes it.
 *
 * @param iterations           last committed iteration (iterations are numbered from 1 across a
 *                             lineage: a fork at iteration k continues at k+1; 0 = none committed)
 * @param envSteps             environment steps up to the last committed iteration
 * @param policyDigest         policy SHA-256 of the last committed iteration ("" if none)
 * @param discriminatorDigest  discriminator SHA-256 of the last committed iteration ("" if none)
 * @param parent               parent run of a fork, or {@code null}
 * @param forkIteration        iteration of the parent the fork starts from, or -1
 * @param createdMillis        wall-clock time of RunCreated (display only)
 * @param detail               failure reason, writer holder or corruption report ("" if none)
 */
public record RunSummary(
        String name,
        RunStatus status,
        long iterations,
        long targetIterations,
        long envSteps,
        String policyDigest,
        String discriminatorDigest,
        String parent,
        long forkIteration,
        long createdMillis,
        String detail) {

    public Optional<String> parentRun() {
        return Optional.ofNullable(parent);
    }
}
