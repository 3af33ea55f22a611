package dev.ampj.storage.log;

import java.util.List;

/**
 * Result of checking every document of a run's events queue.
 *
 * @param documents     documents read (good and bad)
 * @param events        run events decoded from good documents
 * @param lastGoodIndex index of the last good document before the first problem (-1 if none)
 * @param problems      bad documents in index order (first 100), empty when the log is intact
 */
public record IntegrityReport(String run, long documents, long events, long lastGoodIndex, List<Problem> problems) {

    /** One bad document: where and why. */
    public record Problem(long index, String reason) {
        @Override
        public String toString() {
            return "index 0x" + Long.toHexString(index) + " (" + index + "): " + reason;
        }
    }

    public IntegrityReport {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return intact()
                ? "run '" + run + "': " + documents + " documents, " + events + " events, intact"
                : "run '" + run + "': " + problems.size() + " corrupt document(s), first at " + problems.get(0)
                        + "; readable up to index 0x" + Long.toHexString(lastGoodIndex);
    }
}
