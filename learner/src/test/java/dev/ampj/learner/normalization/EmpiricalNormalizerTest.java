package dev.ampj.learner.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ampj.learner.Fixtures;
import org.junit.jupiter.api.Test;

class EmpiricalNormalizerTest {

    @Test
    void batchMergesEqualTheStatisticsOfAllRows() {
        int dim = 3;
        float[] x = Fixtures.gaussian(1, "x", 1000 * dim, 2.0);
        for (int i = 0; i < x.length; i += dim) {
            x[i] += 5;
        }
        EmpiricalNormalizer merged = new EmpiricalNormalizer(dim, 1e-2, true);
        for (int b = 0; b < 10; b++) {
            merged.update(java.util.Arrays.copyOfRange(x, b * 100 * dim, (b + 1) * 100 * dim), 100);
        }
        EmpiricalNormalizer once = new EmpiricalNormalizer(dim, 1e-2, true);
        once.update(x, 1000);
        assertEquals(1000, merged.count());
        assertArrayEquals(once.meanState(), merged.meanState(), 1e-12);
        assertArrayEquals(once.varState(), merged.varState(), 1e-10);
        assertEquals(5.0, merged.meanState()[0], 0.2);
        assertEquals(4.0, merged.varState()[1], 0.4);
    }

    @Test
    void disabledNormalisationIsTheIdentity() {
        EmpiricalNormalizer n = new EmpiricalNormalizer(2, 1e-2, false);
        n.update(new float[] {5, 6, 7, 8}, 2);
        float[] out = new float[2];
        EmpiricalNormalizer.normalize(new float[] {3.25f, -1.5f}, 1, n.mean32(), n.denom32(), out);
        assertArrayEquals(new float[] {3.25f, -1.5f}, out);
        assertEquals(0, n.count());
    }
}
