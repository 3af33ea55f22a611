package dev.ampj.actors.transport;

/** Why a subscriber dropped a frame (or an unfinished batch) instead of assembling it. */
public enum FrameRejection {
    /** Not the wire format: bad magic, unknown version, inconsistent lengths. */
    MALFORMED,
    /** Carries another run's id: a stale process or a misconfigured stream. */
    FOREIGN_RUN,
    /** Another stream kind than this subscriber assembles. */
    WRONG_STREAM_KIND,
    /** An iteration before the one expected (e.g. a batch from before a shard restart). */
    STALE_ITERATION,
    /** A (iteration, shard) batch that was already assembled. */
    DUPLICATE,
    /** A chunk that does not continue the batch its publication was sending. */
    OUT_OF_ORDER,
    /** A batch abandoned before its last chunk: another publication re-sent it (a restarted shard), or the iteration moved on. */
    INCOMPLETE,
    /** The destination buffer given for the batch is smaller than the batch. */
    BUFFER_TOO_SMALL
}
