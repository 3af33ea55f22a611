package dev.ampj.actors.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import org.junit.jupiter.api.Test;

/** The run's AMP windows stacked on the platform side from single-frame rows, across an episode's end. */
class DiscriminatorColumnsTest {

    @Test
    void eachStateHoldsItsEnvsLastFramesAndAResetFillsThemWithTheFirst() {
        // two envs, one float per frame: env 0 sees frames 1, 2, 3 then a reset to 10, 11; env 1 sees 20..24
        // row r = step (r / 2) of env (r % 2), [s, s']; env 0's third step ends its episode at terminal frame 4
        float[] rows = {1, 2, 20, 21, 2, 3, 21, 22, 3, 4, 22, 23, 10, 11, 23, 24};
        boolean[] starts = {true, true, false, false, false, false, true, false};
        AmpWindow window = AmpWindow.of(1, 3, GaitCondition.none());
        float[] w = DiscriminatorColumns.windows(rows, starts, new double[] {0.5, 0.9}, window);
        assertEquals(8 * 2 * 3, w.length);
        // layout per state: newest frame, then the older ones oldest first
        assertArrayEquals(new float[] {1, 1, 1, 2, 1, 1}, java.util.Arrays.copyOfRange(w, 0, 6), "a reset state fills the window");
        assertArrayEquals(new float[] {2, 1, 1, 3, 1, 2}, java.util.Arrays.copyOfRange(w, 12, 18));
        assertArrayEquals(new float[] {3, 1, 2, 4, 2, 3}, java.util.Arrays.copyOfRange(w, 24, 30), "s' is the terminal frame");
        assertArrayEquals(new float[] {10, 10, 10, 11, 10, 10}, java.util.Arrays.copyOfRange(w, 36, 42), "the next episode starts afresh");
        assertArrayEquals(new float[] {23, 21, 22, 24, 22, 23}, java.util.Arrays.copyOfRange(w, 42, 48), "env 1 never reset");
    }
}
