package dev.ampj.sim.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Resampling and finite differences against analytic trajectories. */
class MotionResamplerTest {

    /** A single-body clip spinning about z at {@code rate} rad/s, moving along x at 2 m/s, without velocities. */
    private static KinematicClip spinning(double fps, int frames, double rate) {
        double[] q = new double[frames * 4];
        double[] p = new double[frames * 3];
        double[] j = new double[frames];
        for (int f = 0; f < frames; f++) {
            double t = f / fps;
            System.arraycopy(MotionFixtures.fromAxisAngle(0, 0, 1, rate * t), 0, q, f * 4, 4);
            p[f * 3] = 2.0 * t;
            p[f * 3 + 2] = 1.0;
            j[f] = 0.5 - 3.0 * t;
        }
        double[] zero3 = new double[frames * 3];
        KinematicClip raw = new KinematicClip("spin", MotionFormat.ISAACLAB, QuatOrder.WXYZ, fps, frames, List.of("j"), List.of("root"),
                1, 1, j, new double[frames], p, q, zero3, zero3, false, List.of());
        // What a reader does for a file without velocities.
        return new KinematicClip("spin", MotionFormat.ISAACLAB, QuatOrder.WXYZ, fps, frames, List.of("j"), List.of("root"), 1, 1,
                j, FiniteDifferences.linear(j, frames, 1, fps), p, q, FiniteDifferences.linear(p, frames, 3, fps),
                FiniteDifferences.angular(q, frames, 1, fps), false, raw.warnings());
    }

    @Test
    void constantRotationRateComesOutAsThatRate() {
        double rate = 2.7; // rad/s: 0.09 rad per 30 Hz frame
        KinematicClip c = spinning(30, 61, rate);
        for (int f = 0; f < c.frames(); f++) {
            assertEquals(0, c.bodyAngVel()[f * 3], 1e-12);
            assertEquals(0, c.bodyAngVel()[f * 3 + 1], 1e-12);
            assertEquals(rate, c.bodyAngVel()[f * 3 + 2], 1e-12, "frame " + f);
            assertEquals(2.0, c.bodyLinVel()[f * 3], 1e-12);
            assertEquals(-3.0, c.dofVel()[f], 1e-12);
        }
        KinematicClip r = MotionResampler.resample(c, 50);
        for (int f = 0; f < r.frames(); f++) {
            assertEquals(rate, r.bodyAngVel()[f * 3 + 2], 1e-12);
        }
    }

    @Test
    void fastSpinAcrossTheHalfTurnKeepsItsRate() {
        // 2.5 rad per frame: the rotation vector of q1 q0⁻¹ must take the short arc correctly.
        KinematicClip c = spinning(1, 10, 2.5);
        for (int f = 0; f < c.frames(); f++) {
            assertEquals(2.5, c.bodyAngVel()[f * 3 + 2], 1e-9, "frame " + f);
        }
    }

    @Test
    void durationIsExactlyFramesMinusOneOverFps() {
        KinematicClip c = spinning(30, 61, 1.0); // 2 s
        assertEquals(2.0, c.duration(), 0);
        KinematicClip r = MotionResampler.resample(c, 50);
        assertEquals(101, r.frames(), "0, 0.02, ..., 2.00: the last frame lands exactly on the last source frame");
        assertEquals(2.0, r.duration(), 1e-12);
        KinematicClip r7 = MotionResampler.resample(c, 7);
        assertEquals(15, r7.frames(), "k/7 <= 2 for k = 0..14");
        assertEquals(2.0 * 30 / 30, c.duration());
        // Not stretched (amp-rsl-rl would map F frames onto F/fps seconds).
        KinematicClip odd = spinning(30, 10, 1.0);
        assertEquals(0.3, odd.duration(), 1e-15);
        assertEquals(16, MotionResampler.resample(odd, 50).frames());
    }

    @Test
    void interpolationMatchesTheAnalyticTrajectory() {
        double rate = 1.3;
        KinematicClip c = spinning(30, 31, rate);
        KinematicClip r = MotionResampler.resample(c, 50);
        for (int k = 0; k < r.frames(); k++) {
            double t = k / 50.0;
            assertEquals(2.0 * t, r.bodyPos()[k * 3], 1e-12, "linear position is exact under lerp");
            assertEquals(0.5 - 3.0 * t, r.dofPos()[k], 1e-12);
            double[] expected = MotionFixtures.fromAxisAngle(0, 0, 1, rate * t);
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[i], r.bodyQuat()[k * 4 + i], 1e-12, "slerp at constant rate is exact, t=" + t);
            }
        }
    }

    @Test
    void sinusoidsResampleWithinTheLerpError() {
        KinematicClip c = MotionFixtures.clip(120, 241);
        KinematicClip r = MotionResampler.resample(c, 50);
        assertEquals(101, r.frames());
        double h = 1.0 / 120;
        for (int k = 0; k < r.frames(); k++) {
            double t = k / 50.0;
            for (int j = 0; j < 6; j++) {
                // lerp error <= h² max|q''| / 8
                double bound = h * h * MotionFixtures.AMPLITUDE[j] * MotionFixtures.OMEGA * MotionFixtures.OMEGA / 8 + 1e-12;
                assertEquals(MotionFixtures.jointPos(j, t), r.dofPos()[k * 6 + j], bound);
            }
        }
    }
}
