package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichGeometry;
import org.junit.jupiter.api.Test;

/** Friction randomization: per (env, episode) draws in range, and the engines really use them. */
class DomainRandomizationTest {

    @Test
    void frictionIsDrawnPerEnvAndEpisodeWithinTheRange() {
        DomainRandomization off = new DomainRandomization(SimSettings.defaults(), 3);
        assertEquals(OstrichGeometry.FRICTION, off.friction(new long[] {0, 0}));
        DomainRandomization on = new DomainRandomization(
                VecEnvBehaviourTest.with("amp.sim.randomization.friction = [0.4, 1.2]"), 3);
        double a = on.friction(new long[] {0, 0});
        assertEquals(a, on.friction(new long[] {0, 0}), "a pure function of (seed, env, episode)");
        assertNotEquals(a, on.friction(new long[] {1, 0}), "another env");
        assertNotEquals(a, on.friction(new long[] {0, 1}), "another episode");
        for (int e = 0; e < 200; e++) {
            double mu = on.friction(new long[] {e, 7});
            assertTrue(mu >= 0.4 && mu <= 1.2, "in range: " + mu);
        }
    }

    @Test
    void aSlipperyGroundChangesTheRunOnBothEngines() {
        for (String engine : SimSettings.ENGINES) {
            SimSettings normal = VecEnvBehaviourTest.with("amp.sim.engine = " + engine);
            SimSettings ice = VecEnvBehaviourTest.with("amp.sim.engine = " + engine
                    + "\namp.sim.randomization.friction = [0.05, 0.05]");
            try (BatchVecEnv a = VelocityTaskVecEnvs.create(normal, 5, EnvIds.range(0, 2));
                    BatchVecEnv b = VelocityTaskVecEnvs.create(ice, 5, EnvIds.range(0, 2))) {
                assertEquals(((VelocityTaskEnv) a.member(0)).stateHash(), ((VelocityTaskEnv) b.member(0)).stateHash(),
                        engine + ": friction does not change the initial state");
                float[] actions = new float[12];
                for (int t = 0; t < 40; t++) {
                    Scripts.fill(a, actions, t);
                    a.step(actions);
                    b.step(actions);
                }
                assertNotEquals(((VelocityTaskEnv) a.member(0)).stateHash(), ((VelocityTaskEnv) b.member(0)).stateHash(),
                        engine + ": the feet slip on ice");
            }
        }
    }
}
