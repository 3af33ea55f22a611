package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * A snapshot alone restores a fresh VecEnv's observation rows bit for bit, before any step, and the
 * continuation exactly: the critic's {@code foot_contact} comes from the last substep's collision
 * pass, which the snapshot must carry (format 1 did not, and a restored ostrich showed no contact).
 */
class SnapshotObservationsTest {

    static final long SEED = 42;
    static final int CONTINUE = 300;
    /** Critic row offsets of {@code foot_contact} (left, right). */
    static final int LEFT_CONTACT = 29;
    static final int RIGHT_CONTACT = 30;

    @Test
    void aFreshInstanceRestoresTheRowsOfAScriptedRunExactly() {
        SimSettings s = SimSettings.defaults();
        int[] ids = EnvIds.range(100, 8);
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, SEED, ids)) {
            VecEnvDeterminismTest.run(s, ids, 0, 300, env, null);
            assertTrue(contactsOf(env.buffers()) > 0, "some foot touches the ground at snapshot time");
            checkFreshRestore(s, ids, env, 300);
        }
    }

    @Test
    void aStandingBatchWithEveryFootOnTheGroundRestoresExactly() {
        SimSettings s = SimSettings.defaults();
        int[] ids = EnvIds.range(20, 4);
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, SEED, ids)) {
            float[] zero = new float[ids.length * 6];
            for (int t = 0; t < 60; t++) {
                env.step(zero);
            }
            StepBuffers b = env.buffers();
            assertEquals(2 * ids.length, contactsOf(b), "every foot stands on the ground");
            checkFreshRestore(s, ids, env, 60);
        }
    }

    @Test
    void olderSnapshotFormatsAreRefusedNamingBothVersions() {
        // single-frame AMP states: the env block ends with the contacts and readouts (no older frames after them)
        SimSettings single = VecEnvBehaviourTest.with("amp.sim.observations.amp-history-length = 1");
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(single, 7, EnvIds.range(0, 2))) {
            env.step(new float[12]);
            byte[] snap = env.snapshot();
            byte[] old = snap.clone();
            ByteBuffer.wrap(old).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.restore(old));
            assertTrue(e.getMessage().contains("format 1") && e.getMessage().contains("format 2"), e.getMessage());
            byte[] contacts = snap.clone();
            // the last env block ends with 7 contact bytes and 8 readout doubles
            contacts[contacts.length - 8 * 8 - 1] = 9;
            e = assertThrows(IllegalArgumentException.class, () -> env.restore(contacts));
            assertTrue(e.getMessage().contains("9 ground contacts"), e.getMessage());
            assertArrayEquals(snap, env.snapshot(), "a refused restore changes nothing");
        }
    }

    /** Snapshots {@code env} (stepped {@code t} script steps), restores a fresh instance, compares rows and 300 more steps. */
    private static void checkFreshRestore(SimSettings s, int[] ids, BatchVecEnv env, int t) {
        byte[] snap = env.snapshot();
        StepBuffers a = env.buffers();
        int[] policy = bits(a.policyObs);
        int[] critic = bits(a.criticObs);
        int[] amp = bits(a.ampObs);
        int[] steps = a.episodeSteps.clone();
        long[] episodes = a.episodeIds.clone();
        for (int i = 0; i < ids.length; i++) {
            episodes[i] += a.done(i) ? 1 : 0; // after a step that ended, the current episode is the next one
        }
        try (BatchVecEnv fresh = VelocityTaskVecEnvs.create(s.withThreads(2), SEED, ids)) {
            StepBuffers b = fresh.buffers();
            fresh.restore(snap);
            assertArrayEquals(policy, bits(b.policyObs), "policy rows right after restore");
            assertArrayEquals(critic, bits(b.criticObs), "critic rows (foot_contact included) right after restore");
            assertArrayEquals(amp, bits(b.ampObs), "amp rows right after restore");
            assertArrayEquals(steps, b.episodeSteps, "episode steps right after restore");
            assertArrayEquals(episodes, b.episodeIds, "current episodes right after restore");
            assertArrayEquals(snap, fresh.snapshot(), "restored state re-snapshots to the same bytes");
            long[][] original = VecEnvDeterminismTest.run(s, ids, t, t + CONTINUE, env, null);
            long[][] replay = VecEnvDeterminismTest.run(s, ids, t, t + CONTINUE, fresh, null);
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(original[i], replay[i], "hash stream of env " + ids[i] + " after restore");
            }
        }
    }

    private static int contactsOf(StepBuffers b) {
        int n = 0;
        for (int i = 0; i < b.numEnvs; i++) {
            n += (b.criticObs[i * b.criticDim + LEFT_CONTACT] == 1f ? 1 : 0)
                    + (b.criticObs[i * b.criticDim + RIGHT_CONTACT] == 1f ? 1 : 0);
        }
        return n;
    }

    private static int[] bits(float[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.floatToRawIntBits(a[i]);
        }
        return out;
    }
}
