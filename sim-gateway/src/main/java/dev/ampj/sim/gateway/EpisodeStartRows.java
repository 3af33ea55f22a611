package dev.ampj.sim.gateway;

/**
 * Where an {@link ExternalVecEnv} gets the episode starts it sends to a client that declared
 * {@code reference_state_reset} (docs/gateway-protocol.md, "Episode starts"): one row of
 * {@link dev.ampj.sim.task.EpisodeStarts#WIDTH} floats per (slot, episode).
 */
@FunctionalInterface
public interface EpisodeStartRows {

    /** Writes the start of episode {@code episode} of slot {@code slot} into {@code out} at {@code offset}. */
    void write(int slot, long episode, float[] out, int offset);
}
