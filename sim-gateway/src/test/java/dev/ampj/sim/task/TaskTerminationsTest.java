package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.KinematicFrame;
import org.junit.jupiter.api.Test;

class TaskTerminationsTest {

    private final SimSettings s = SimSettings.defaults();
    private final TaskTerminations t = new TaskTerminations(s);

    private static KinematicFrame standing(double height, double pitch) {
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        f.rootPos[2] = height;
        f.rootQuat[0] = Math.cos(pitch / 2);
        f.rootQuat[2] = Math.sin(pitch / 2);
        return f;
    }

    @Test
    void failsBelowMinTorsoHeightOrBeyondMaxPitch() {
        double h = s.terminations().minTorsoHeight();
        double p = s.terminations().maxTorsoPitch();
        assertFalse(t.failed(standing(h + 0.01, 0)));
        assertTrue(t.failed(standing(h - 0.01, 0)));
        assertFalse(t.failed(standing(h + 0.01, p - 0.01)));
        assertTrue(t.failed(standing(h + 0.01, p + 0.01)));
        assertTrue(t.failed(standing(h + 0.01, -(p + 0.01))));
    }

    @Test
    void timesOutAtTheLastStepUnlessFailed() {
        int n = s.maxEpisodeSteps();
        assertFalse(t.timedOut(false, n - 1));
        assertTrue(t.timedOut(false, n));
        assertFalse(t.timedOut(true, n));
    }

    @Test
    void divergedOnNonFiniteStateOrRunawaySpeed() {
        KinematicFrame f = standing(1, 0);
        assertFalse(t.diverged(f));
        f.bodyAngVel[3 * 6 + 2] = TaskTerminations.MAX_ANG_SPEED + 1;
        assertTrue(t.diverged(f));
        f.bodyAngVel[3 * 6 + 2] = 0;
        f.bodyLinVel[0] = TaskTerminations.MAX_LIN_SPEED + 1;
        assertTrue(t.diverged(f));
        f.bodyLinVel[0] = 0;
        f.rootPos[0] = Double.NaN;
        assertTrue(t.diverged(f));
    }
}
