package dev.ampj.actors.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CadenceTest {

    private static final double DT = 0.02;

    /** Rows of width 5: a column of noise-free clutter, then 3 joints, then one more; {@code hz} in the joints. */
    private static float[] gait(int n, double hz, double offset) {
        float[] rows = new float[n * 5];
        for (int t = 0; t < n; t++) {
            double phase = 2 * Math.PI * hz * t * DT;
            rows[t * 5] = 100f + t; // outside the joint columns: must not matter
            rows[t * 5 + 1] = (float) (offset + 0.4 * Math.sin(phase));
            rows[t * 5 + 2] = (float) (1.2 + 0.7 * Math.sin(phase + 1.0) + 0.2 * Math.sin(2 * phase));
            rows[t * 5 + 3] = (float) (-0.3 + 0.1 * Math.cos(phase));
            rows[t * 5 + 4] = -50f;
        }
        return rows;
    }

    @Test
    void findsTheStrideFrequencyOfJointAnglesWithHarmonicsAndOffsets() {
        for (double hz : new double[] {0.94, 1.40, 1.70, 2.30}) {
            float[] rows = gait(900, hz, -0.5);
            assertEquals(hz, Cadence.dominantHz(rows, 5, 1, 3, 0, 900, DT), 0.011, "at " + hz + " Hz");
        }
    }

    @Test
    void readsOnlyTheGivenRowsAndColumns() {
        float[] slow = gait(600, 0.9, 0);
        float[] fast = gait(600, 1.8, 0);
        float[] both = new float[slow.length + fast.length];
        System.arraycopy(slow, 0, both, 0, slow.length);
        System.arraycopy(fast, 0, both, slow.length, fast.length);
        assertEquals(0.9, Cadence.dominantHz(both, 5, 1, 3, 0, 600, DT), 0.011);
        assertEquals(1.8, Cadence.dominantHz(both, 5, 1, 3, 600, 1200, DT), 0.011);
    }

    @Test
    void aStandingPolicyHasNoCadenceToSpeakOfButTheAnswerIsStillDefinedAndFewRowsAreNaN() {
        assertTrue(Double.isNaN(Cadence.dominantHz(new float[5], 5, 1, 3, 0, 1, DT)));
        double still = Cadence.dominantHz(new float[5 * 100], 5, 1, 3, 0, 100, DT);
        assertEquals(Cadence.MIN_HZ, still, 1e-12, "all-zero power: the first bin");
    }
}
