package dev.ampj.learner.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.common.RandomStream;
import org.junit.jupiter.api.Test;

class AmpReplayBufferTest {

    private static float[] seq(int from, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + i;
        }
        return x;
    }

    @Test
    void ringKeepsTheNewestPairsAndSamplesOnlyFilledSlots() {
        AmpReplayBuffer b = new AmpReplayBuffer(4, 1);
        b.insert(seq(0, 3), seq(100, 3), 3);
        assertEquals(3, b.size());
        b.insert(seq(3, 3), seq(103, 3), 3); // 0..5 inserted, 2..5 survive
        assertEquals(4, b.size());
        assertEquals(2, b.cursor());
        assertArrayEquals(new float[] {4, 5, 2, 3}, b.statesView());
        assertArrayEquals(new float[] {104, 105, 102, 103}, b.nextStatesView());
        float[] s = new float[50];
        float[] sn = new float[50];
        b.sample(RandomStream.of(1, "amp-replay", 0), 50, s, sn);
        for (int i = 0; i < 50; i++) {
            assertTrue(s[i] >= 2 && s[i] <= 5);
            assertEquals(s[i] + 100, sn[i]);
        }
        b.insert(seq(10, 9), seq(110, 9), 9); // more than the capacity at once
        assertArrayEquals(new float[] {17, 18, 15, 16}, b.statesView());
    }
}
