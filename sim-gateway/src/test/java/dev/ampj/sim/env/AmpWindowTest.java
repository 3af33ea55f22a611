package dev.ampj.sim.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The AMP state's layout over time, on both sides: reference rows cut from a table and env rows from frames agree. */
class AmpWindowTest {

    static final GaitCondition TWO = GaitCondition.of(List.of("walk", "march"), new double[] {1.0, 0.5});

    /** A table of 6 frames of 2 floats: frame f = (10 f, 10 f + 1). */
    static float[] table() {
        float[] t = new float[12];
        for (int f = 0; f < 6; f++) {
            t[2 * f] = 10 * f;
            t[2 * f + 1] = 10 * f + 1;
        }
        return t;
    }

    @Test
    void specPutsTheNewestFrameFirstTheOlderFramesNextTheConditionLast() {
        ObsGroupSpec spec = AmpWindow.of(2, 3, TWO).spec(List.of("a", "b"), List.of(1, 1));
        assertEquals(List.of(new ObsGroupSpec.Slice("a", 0, 1), new ObsGroupSpec.Slice("b", 1, 1),
                new ObsGroupSpec.Slice(AmpWindow.HISTORY_TERM, 2, 4, 2), new ObsGroupSpec.Slice(GaitCondition.TERM, 6, 2)),
                spec.slices());
        assertEquals(8, AmpWindow.of(2, 3, TWO).dim());
        assertEquals(List.of(new ObsGroupSpec.Slice("a", 0, 1), new ObsGroupSpec.Slice("b", 1, 1)),
                AmpWindow.single(2, GaitCondition.none()).spec(List.of("a", "b"), List.of(1, 1)).slices(), "k = 1: the frame alone");
    }

    @Test
    void aReferenceStateIsItsFrameThenItsPredecessorsOldestFirstThenItsClip() {
        AmpWindow w = AmpWindow.of(2, 3, TWO);
        float[] out = new float[2 * 8];
        w.writeReference(1, table(), 4, out, 1);
        assertArrayEquals(new float[] {40, 41, 20, 21, 30, 31, 0, 1}, java.util.Arrays.copyOfRange(out, 8, 16));
        assertEquals(2, w.firstRow());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.writeReference(0, table(), 1, out, 0));
        assertEquals("row 1 has 1 frames before it; a window of 3 needs 2", e.getMessage());
    }

    @Test
    void anEnvStateFromItsLastFramesEqualsTheReferenceStateOfTheSameFrames() {
        AmpWindow w = AmpWindow.of(2, 3, TWO);
        float[] frames = java.util.Arrays.copyOfRange(table(), 4, 10); // frames 2, 3, 4 oldest first
        float[] env = new float[8];
        w.writeEnv(frames, 0.55, env, 0); // commanded near the march: class 1
        float[] ref = new float[8];
        w.writeReference(1, table(), 4, ref, 0);
        assertArrayEquals(ref, env);
    }

    @Test
    void aSingleFrameWindowWritesWhatTheConditionAloneWrote() {
        AmpWindow w = AmpWindow.single(2, TWO);
        float[] viaWindow = new float[4 * 6];
        float[] viaCondition = new float[4 * 6];
        for (int r = 0; r < 6; r++) {
            w.writeReference(r % 2, table(), r, viaWindow, r);
            TWO.writeReferenceState(r % 2, table(), r, 2, viaCondition, r);
        }
        assertArrayEquals(viaCondition, viaWindow);
    }
}
