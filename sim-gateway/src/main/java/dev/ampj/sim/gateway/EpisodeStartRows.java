package dev.ampj.sim.gateway;

/**
 * Where an {@link ExternalVecEnv} gets the episode starts it sends to a client that declared
 * {@code reference_state_reset} (docs/gateway-protocol.md, "Episode starts"): one row of
 * {@link #width()} floats per (slot, episode).
 */
@FunctionalInterface
public interface EpisodeStartRows {

    /** Writes the start of episode {@code episode} of slot {@code slot} into {@code out} at {@code offset}. */
    void write(int slot, long episode, float[] out, int offset);

    /** Floats per row: 13 + 2 x the robot's joints ({@link dev.ampj.sim.task.EpisodeStarts#WIDTH} for the ostrich). */
    default int width() {
        return dev.ampj.sim.task.EpisodeStarts.WIDTH;
    }

    /** {@code rows} with rows of {@code width} floats. */
    static EpisodeStartRows ofWidth(int width, EpisodeStartRows rows) {
        return new EpisodeStartRows() {
            @Override
            public void write(int slot, long episode, float[] out, int offset) {
                rows.write(slot, episode, out, offset);
            }

            @Override
            public int width() {
                return width;
            }
        };
    }
}
