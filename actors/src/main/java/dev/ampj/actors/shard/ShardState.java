package dev.ampj.actors.shard;

import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.sim.env.VecEnv;

/**
 * A shard's iteration-start state: its VecEnv snapshot, which (VecEnv snapshot format 2) restores the
 * observation rows the next action is computed from as well, foot contacts included.
 *
 * <p>Shard states of checkpoint version 1 wrapped a format-1 snapshot with a copy of those rows
 * (magic "AMSS"); they are refused with that reason ({@link TrainingCheckpoint#decode} already refuses
 * their checkpoints).
 */
public final class ShardState {

    /** Magic (big-endian) of the version-1 wrapper: VecEnv snapshot plus observation rows. */
    static final int WRAPPED_MAGIC = 0x53534D41; // "AMSS"

    private ShardState() {}

    public static byte[] capture(VecEnv env) {
        return env.snapshot();
    }

    public static void restore(VecEnv env, byte[] state) {
        if (state.length >= 4 && ((state[0] & 0xFF) << 24 | (state[1] & 0xFF) << 16 | (state[2] & 0xFF) << 8
                | (state[3] & 0xFF)) == WRAPPED_MAGIC) {
            throw new IllegalArgumentException("shard state of checkpoint version 1 (a VecEnv snapshot format 1 plus"
                    + " observation rows); this build restores checkpoint version " + TrainingCheckpoint.VERSION
                    + " shard states (VecEnv snapshot format 2 alone): re-create the run's checkpoint");
        }
        env.restore(state);
    }
}
