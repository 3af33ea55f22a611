package dev.ampj.actors.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.common.CounterRandom;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms, and the eigen-solver it rests on. */
class StyleDistanceTest {

    @Test
    void eigenDecompositionReconstructsASymmetricMatrix() {
        double[] m = {4, 1, 2, 1, 3, 0.5, 2, 0.5, 5};
        SymmetricEigen e = SymmetricEigen.of(m, 3);
        double[] back = e.applyToPsd(x -> x);
        for (int i = 0; i < 9; i++) {
            assertEquals(m[i], back[i], 1e-12);
        }
        double[] root = e.applyToPsd(Math::sqrt);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += root[i * 3 + k] * root[k * 3 + j];
                }
                assertEquals(m[i * 3 + j], s, 1e-12, "sqrt(M)^2 = M");
            }
        }
    }

    @Test
    void frechetOfDiagonalGaussiansHasTheClosedForm() {
        // d² = |μ1-μ2|² + Σ (σ1 - σ2)² per dimension for diagonal covariances.
        GaussianFit p = new GaussianFit(2, 100, new double[] {0, 0}, new double[] {1, 0, 0, 4});
        GaussianFit q = new GaussianFit(2, 100, new double[] {1, 2}, new double[] {9, 0, 0, 1});
        assertEquals(1 + 4 + (1 - 3) * (1 - 3) + (2 - 1) * (2 - 1), StyleDistance.frechet(p, q), 1e-10);
        assertEquals(0, StyleDistance.frechet(p, p), 1e-10);
    }

    @Test
    void sameDistributionIsNearZeroAndAShiftedOneIsFar() {
        int n = 20_000, d = 4;
        float[] a = gaussian(n, d, 1, 0);
        float[] b = gaussian(n, d, 2, 0);
        float[] shifted = gaussian(n, d, 3, 1.0);
        StyleDistance sd = new StyleDistance(a, n, d);
        double same = sd.between(a, n, b, n);
        double far = sd.between(a, n, shifted, n);
        assertTrue(same < 0.01, "two samples of one Gaussian: " + same);
        assertEquals(d * 1.0, far, 0.1, "a shift of one std in each of " + d + " dims");
    }

    @Test
    void aConstantReferenceDimensionIsScaledByTheFloorNotByZero() {
        int n = 1000;
        float[] ref = new float[n * 2];
        float[] pol = new float[n * 2];
        for (int i = 0; i < n; i++) {
            ref[2 * i] = (float) CounterRandom.gaussian(7, i);
            pol[2 * i] = ref[2 * i];
            pol[2 * i + 1] = 0.001f; // the reference holds dimension 1 at exactly 0
        }
        double d = new StyleDistance(ref, n, 2).between(pol, n, ref, n);
        assertEquals(Math.pow(0.001 / StyleDistance.MIN_STD, 2), d, 1e-6);
    }

    private static float[] gaussian(int n, int d, long key, double shift) {
        float[] out = new float[n * d];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (CounterRandom.gaussian(key, i) + shift);
        }
        return out;
    }
}
