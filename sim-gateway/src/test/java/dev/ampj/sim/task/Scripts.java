package dev.ampj.sim.task;

import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.StepBuffers;

/** A fixed action script and state-hash folding shared by the determinism tests. */
final class Scripts {

    private Scripts() {}

    /** Action of global env {@code env}, joint {@code j}, at control step {@code t}: sinusoids with bursts that make the robot fall now and then. */
    static float action(int env, int t, int j) {
        double base = 0.9 * StrictMath.sin(0.07 * t * (1 + 0.3 * j) + 0.7 * env + j);
        double burst = ((t / 97 + env) % 5 == 0) ? 1.5 : 0.0;
        return (float) (base + burst * StrictMath.cos(0.3 * t + j));
    }

    static void fill(BatchVecEnv env, float[] actions, int t) {
        for (int i = 0; i < env.numEnvs(); i++) {
            for (int j = 0; j < 6; j++) {
                actions[i * 6 + j] = action(env.envId(i), t, j);
            }
        }
    }

    static long fnv(long h, long v) {
        for (int k = 0; k < 8; k++) {
            h ^= (v >>> (8 * k)) & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }

    /** Folds the raw state of env {@code slot} and its buffer rows into {@code h}. */
    static long fold(long h, BatchVecEnv env, int slot) {
        h = fnv(h, ((VelocityTaskEnv) env.member(slot)).stateHash());
        StepBuffers b = env.buffers();
        h = fold(h, b.policyObs, slot * b.policyDim, b.policyDim);
        h = fold(h, b.criticObs, slot * b.criticDim, b.criticDim);
        h = fold(h, b.ampObs, slot * b.ampDim, b.ampDim);
        h = fnv(h, Float.floatToRawIntBits(b.rewards[slot]));
        h = fnv(h, (b.terminated[slot] ? 1 : 0) | (b.timedOut[slot] ? 2 : 0) | (b.nanTerminated[slot] ? 4 : 0));
        h = fnv(h, b.episodeIds[slot]);
        if (b.done(slot)) {
            h = fold(h, b.terminalAmpObs, slot * b.ampDim, b.ampDim);
            h = fold(h, b.terminalCriticObs, slot * b.criticDim, b.criticDim);
        }
        return h;
    }

    private static long fold(long h, float[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            h = fnv(h, Float.floatToRawIntBits(a[off + i]));
        }
        return h;
    }
}
