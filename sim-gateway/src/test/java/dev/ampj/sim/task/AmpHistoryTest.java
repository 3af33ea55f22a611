package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code amp-history-length} on the real env: each AMP row is the newest frame (where the single-frame
 * row has it), then the older frames oldest first; a reset fills them with the episode's first frame;
 * a terminal row is the window that ends in the reached state; a snapshot restores the window. The
 * frames are checked against a single-frame env run on the same script (history cannot change dynamics).
 */
class AmpHistoryTest {

    static final int K = 3;
    static final int ENVS = 4;
    static final int D = 22;

    @Test
    void rowsHoldTheLastFramesAndAResetFillsThem() {
        SimSettings flat = VecEnvBehaviourTest.with("amp.sim.action-clip = 2.0\namp.sim.observations.amp-history-length = 1");
        SimSettings stacked = VecEnvBehaviourTest.with("amp.sim.action-clip = 2.0\namp.sim.observations.amp-history-length = " + K);
        int[] ids = EnvIds.range(0, ENVS);
        try (BatchVecEnv a = VelocityTaskVecEnvs.create(flat, 42, ids);
                BatchVecEnv b = VelocityTaskVecEnvs.create(stacked, 42, ids)) {
            ObsGroupSpec amp = b.spec().amp();
            assertEquals(K * D, amp.dim());
            assertEquals(new ObsGroupSpec.Slice(AmpWindow.HISTORY_TERM, D, (K - 1) * D, K - 1), amp.slice(AmpWindow.HISTORY_TERM));
            assertEquals(a.spec().amp().slice("joint_pos"), amp.slice("joint_pos"), "the newest frame's terms keep their offsets");
            List<List<float[]>> frames = new ArrayList<>();
            for (int i = 0; i < ENVS; i++) {
                frames.add(new ArrayList<>(List.of(row(a.buffers().ampObs, i))));
                checkWindow(b.buffers().ampObs, i, frames.get(i), "at construction");
            }
            float[] actions = new float[ENVS * 6];
            int resets = 0;
            for (int t = 0; t < 400; t++) {
                Scripts.fill(a, actions, t);
                a.step(actions);
                b.step(actions);
                StepBuffers fa = a.buffers();
                for (int i = 0; i < ENVS; i++) {
                    if (fa.done(i)) {
                        resets++;
                        List<float[]> ended = new ArrayList<>(frames.get(i));
                        ended.add(row(fa.terminalAmpObs, i));
                        checkWindow(b.buffers().terminalAmpObs, i, ended, "terminal row at step " + t);
                        frames.get(i).clear();
                    }
                    frames.get(i).add(row(fa.ampObs, i));
                    checkWindow(b.buffers().ampObs, i, frames.get(i), "step " + t);
                }
            }
            assertTrue(resets >= 2, "the script must reset some env, got " + resets);
        }
    }

    @Test
    void aSnapshotRestoresTheWindowAndItsContinuation() {
        SimSettings s = VecEnvBehaviourTest.with("amp.sim.observations.amp-history-length = 4");
        int[] ids = EnvIds.range(10, ENVS);
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, 5, ids)) {
            float[] actions = new float[ENVS * 6];
            for (int t = 0; t < 37; t++) {
                Scripts.fill(env, actions, t);
                env.step(actions);
            }
            byte[] snap = env.snapshot();
            try (BatchVecEnv fresh = VelocityTaskVecEnvs.create(s, 5, ids)) {
                fresh.restore(snap);
                assertArrayEquals(env.buffers().ampObs, fresh.buffers().ampObs, "AMP rows right after restore");
                for (int t = 37; t < 137; t++) {
                    Scripts.fill(env, actions, t);
                    env.step(actions);
                    fresh.step(actions);
                    assertArrayEquals(env.buffers().ampObs, fresh.buffers().ampObs, "AMP rows at step " + t);
                    for (int i = 0; i < ENVS; i++) {
                        if (env.buffers().done(i)) { // terminal rows are valid where an episode ended
                            assertArrayEquals(row(env.buffers().terminalAmpObs, i, 4 * D), row(fresh.buffers().terminalAmpObs, i, 4 * D),
                                    "terminal AMP row of env " + i + " at step " + t);
                        }
                    }
                }
            }
            SimSettings oneFrame = VecEnvBehaviourTest.with("amp.sim.observations.amp-history-length = 1");
            try (BatchVecEnv single = VelocityTaskVecEnvs.create(oneFrame, 5, ids)) {
                assertEquals(single.snapshot().length + ENVS * 3 * D * 4, snap.length,
                        "the snapshot carries the three older frames of every env");
            }
        }
    }

    /** Row {@code i} must be the newest of {@code since}, then the K − 1 before it oldest first (the first repeated to fill). */
    private static void checkWindow(float[] rows, int i, List<float[]> since, String when) {
        float[] row = row(rows, i, K * D);
        assertArrayEquals(since.get(since.size() - 1), Arrays.copyOfRange(row, 0, D), "newest frame of env " + i + ", " + when);
        for (int h = 0; h < K - 1; h++) {
            int age = K - 1 - h;
            float[] f = since.get(Math.max(0, since.size() - 1 - age));
            assertArrayEquals(f, Arrays.copyOfRange(row, D + h * D, D + (h + 1) * D), "older frame " + h + " of env " + i + ", " + when);
        }
    }

    private static float[] row(float[] rows, int i) {
        return row(rows, i, D);
    }

    private static float[] row(float[] rows, int i, int width) {
        return Arrays.copyOfRange(rows, i * width, (i + 1) * width);
    }
}
