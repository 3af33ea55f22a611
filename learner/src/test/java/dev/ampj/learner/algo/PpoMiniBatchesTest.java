package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.learner.LearnerDims;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PpoMiniBatchesTest {

    private static final LearnerDims DIMS = new LearnerDims(2, 3, 2, 1);
    private static final int SAMPLES = 10;

    /** Column values that name their sample: sample i's entries are i * 100 + column. */
    private static float[] column(int width, float scale) {
        float[] x = new float[SAMPLES * width];
        for (int i = 0; i < SAMPLES; i++) {
            for (int c = 0; c < width; c++) {
                x[i * width + c] = scale * (i * 100 + c);
            }
        }
        return x;
    }

    private static PpoMiniBatches batches(long iteration, Mirror actionMirror) {
        var cols = new PpoMiniBatches.Columns(column(2, 1), column(3, 1), column(2, -1), column(3, -1), column(2, 1),
                column(1, 1), column(1, 2), column(1, 3), column(1, 4), column(2, 5));
        return new PpoMiniBatches(DIMS, 7, iteration, SAMPLES, 3, cols, actionMirror);
    }

    @Test
    void anEpochsMiniBatchesAreDistinctSamplesAndTheirColumnsStayTogether() {
        PpoMiniBatches b = batches(4, null);
        assertEquals(3, b.batch);
        assertEquals(3, b.rows);
        int[] perm = b.permutation(0);
        boolean[] seen = new boolean[SAMPLES];
        for (int mb = 0; mb < 3; mb++) {
            b.fill(perm, mb);
            for (int k = 0; k < b.batch; k++) {
                int sample = Math.round(b.obs[k * 2] / 100f);
                assertFalse(seen[sample], "sample " + sample + " twice in one epoch");
                seen[sample] = true;
                assertEquals(sample * 100 + 2, b.criticObs[k * 3 + 2]);
                assertEquals(sample * 100 + 1, b.actions[k * 2 + 1]);
                assertEquals(sample * 100, b.oldLogProbs[k]);
                assertEquals(2 * sample * 100, b.advantages[k]);
                assertEquals(3 * sample * 100, b.returns[k]);
                assertEquals(4 * sample * 100, b.values[k]);
                assertEquals(5 * (sample * 100 + 1), b.oldMeans[k * 2 + 1]);
            }
        }
    }

    @Test
    void theOrderIsKeyedBySeedIterationAndEpoch() {
        assertArrayEquals(batches(4, null).permutation(1), batches(4, null).permutation(1));
        assertFalse(Arrays.equals(batches(4, null).permutation(1), batches(4, null).permutation(2)));
        assertFalse(Arrays.equals(batches(4, null).permutation(1), batches(5, null).permutation(1)));
    }

    @Test
    void augmentationAppendsEachRowsMirror() {
        Mirror swapNegate = new Mirror("action-map", new int[] {-2, 1}, 2);
        PpoMiniBatches b = batches(4, swapNegate);
        assertEquals(6, b.rows);
        int[] perm = b.permutation(0);
        b.fill(perm, 1);
        for (int k = 0; k < b.batch; k++) {
            int m = b.batch + k;
            assertEquals(-b.obs[k * 2], b.obs[m * 2]);
            assertEquals(-b.criticObs[k * 3 + 1], b.criticObs[m * 3 + 1]);
            assertEquals(-b.actions[k * 2 + 1], b.actions[m * 2]);
            assertEquals(b.actions[k * 2], b.actions[m * 2 + 1]);
            assertEquals(b.advantages[k], b.advantages[m]);
            assertEquals(b.oldLogProbs[k], b.oldLogProbs[m]);
        }
        float[] mirrored = b.mirroredObs(perm, 1);
        assertTrue(Arrays.equals(Arrays.copyOfRange(b.obs, 6, 12), mirrored));
    }
}
