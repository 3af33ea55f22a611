package dev.ampj.actors.training;

import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;
import java.nio.ByteBuffer;

/**
 * A shard's iteration-start state: the VecEnv snapshot plus the observation rows the next action is
 * computed from (policy, critic and AMP observations, episode step counters). Restoring both makes a
 * restarted or resumed shard bit-exact even for an env whose observations are not a pure function of
 * its snapshot (the ostrich's foot-contact flags come from the last physics substep's collisions,
 * which its snapshot does not hold).
 */
public final class ShardState {

    static final int MAGIC = 0x53534D41; // "AMSS"

    private ShardState() {}

    public static byte[] capture(VecEnv env) {
        byte[] snapshot = env.snapshot();
        StepBuffers b = env.buffers();
        int floats = b.policyObs.length + b.criticObs.length + b.ampObs.length;
        ByteBuffer out = ByteBuffer.allocate(12 + snapshot.length + 4 * floats + 4 * b.episodeSteps.length);
        out.putInt(MAGIC).putInt(snapshot.length).put(snapshot);
        out.putInt(b.numEnvs);
        for (float[] a : new float[][] {b.policyObs, b.criticObs, b.ampObs}) {
            for (float v : a) {
                out.putInt(Float.floatToRawIntBits(v));
            }
        }
        for (int s : b.episodeSteps) {
            out.putInt(s);
        }
        return out.array();
    }

    public static void restore(VecEnv env, byte[] state) {
        ByteBuffer in = ByteBuffer.wrap(state);
        StepBuffers b = env.buffers();
        if (state.length < 12 || in.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a shard state (bad magic)");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining() - 4) {
            throw new IllegalArgumentException("shard state: env snapshot of " + length + " bytes, " + in.remaining() + " remain");
        }
        byte[] snapshot = new byte[length];
        in.get(snapshot);
        int n = in.getInt();
        int expected = 4 * (b.policyObs.length + b.criticObs.length + b.ampObs.length + b.episodeSteps.length);
        if (n != b.numEnvs || in.remaining() != expected) {
            throw new IllegalArgumentException("shard state of " + n + " envs (" + in.remaining() + " observation bytes) for a VecEnv of "
                    + b.numEnvs + " envs (" + expected + " bytes)");
        }
        env.restore(snapshot);
        for (float[] a : new float[][] {b.policyObs, b.criticObs, b.ampObs}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = Float.intBitsToFloat(in.getInt());
            }
        }
        for (int i = 0; i < b.episodeSteps.length; i++) {
            b.episodeSteps[i] = in.getInt();
        }
    }
}
