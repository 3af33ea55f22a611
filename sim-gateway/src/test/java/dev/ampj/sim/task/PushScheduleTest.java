package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.SimSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pushes: when they land (the drawn intervals, in control steps) and what they do to the robot's velocity. */
class PushScheduleTest {

    @Test
    void aPushChangesEveryBodysVelocityByTheImpulseAtTheScheduledStep() {
        for (String engine : SimSettings.ENGINES) {
            SimSettings calm = VecEnvBehaviourTest.with("amp.sim.engine = " + engine);
            SimSettings pushed = VecEnvBehaviourTest.with("amp.sim.engine = " + engine
                    + "\namp.sim.randomization.push { interval-s = [0.5, 0.5], lin-vel-x = [0.7, 0.7] }");
            try (BatchVecEnv a = VelocityTaskVecEnvs.create(calm, 5, EnvIds.range(0, 2));
                    BatchVecEnv b = VelocityTaskVecEnvs.create(pushed, 5, EnvIds.range(0, 2))) {
                float[] zero = new float[12];
                for (int t = 1; t <= 25; t++) {
                    a.step(zero);
                    b.step(zero);
                    for (int i = 0; i < 2; i++) {
                        VelocityTaskEnv x = (VelocityTaskEnv) a.member(i);
                        VelocityTaskEnv y = (VelocityTaskEnv) b.member(i);
                        if (t < 25) {
                            assertEquals(x.stateHash(), y.stateHash(), engine + ": no push before 0.5 s, step " + t);
                            continue;
                        }
                        for (int body = 0; body < 7; body++) {
                            assertEquals(x.frame().bodyLinVel[3 * body] + 0.7, y.frame().bodyLinVel[3 * body], 1e-9,
                                    engine + ": body " + body + " forward velocity after the push");
                            assertEquals(x.frame().bodyLinVel[3 * body + 2], y.frame().bodyLinVel[3 * body + 2], 1e-9,
                                    engine + ": body " + body + " vertical velocity unchanged");
                        }
                        assertEquals(x.frame().rootLinVel[0] + 0.7, y.frame().rootLinVel[0], 1e-9);
                        // the observation after the step shows the pushed robot
                        int d = b.buffers().policyDim;
                        assertEquals(a.buffers().policyObs[i * d] + 0.7, b.buffers().policyObs[i * d], 1e-3);
                    }
                }
            }
        }
    }

    @Test
    void pushesLandAtTheDrawnIntervalsAndASeekResumesThem() {
        SimSettings s = VecEnvBehaviourTest.with(
                "amp.sim.randomization.push { interval-s = [0.3, 0.9], lin-vel-x = [-1, 1] }");
        DomainRandomization dr = new DomainRandomization(s, 11);
        long[] ids = {4, 2};
        long key = dr.pushKey(ids);
        List<Integer> expected = new ArrayList<>();
        double seconds = 0;
        int previous = 0;
        for (int k = 0; k < 20; k++) {
            seconds += dr.interval(key, k);
            previous = Math.max(previous + 1, (int) Math.round(seconds / 0.02));
            expected.add(previous);
        }
        PushSchedule p = new PushSchedule(dr);
        p.start(ids);
        List<Integer> landed = new ArrayList<>();
        List<Double> velocities = new ArrayList<>();
        for (int step = 1; step <= expected.get(19); step++) {
            if (p.due(step)) {
                landed.add(step);
                velocities.add(p.vx());
                assertTrue(Math.abs(p.vx()) <= 1, "within lin-vel-x");
                p.advance();
            }
        }
        assertEquals(expected, landed);
        for (int k = 1; k < landed.size(); k++) {
            int gap = landed.get(k) - landed.get(k - 1);
            assertTrue(gap >= 14 && gap <= 46, "0.3 .. 0.9 s apart, got " + gap + " steps");
        }
        assertNotEquals(velocities.get(0), velocities.get(1), "each push draws its own velocity");
        // a restored env at step 100 continues with the first push after it
        PushSchedule q = new PushSchedule(dr);
        q.seek(ids, 100);
        int next = expected.stream().filter(t -> t > 100).findFirst().orElseThrow();
        for (int step = 101; step < next; step++) {
            assertFalse(q.due(step));
        }
        assertTrue(q.due(next));
        assertEquals(velocities.get(expected.indexOf(next)), q.vx());
    }
}
