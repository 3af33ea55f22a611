package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.common.RandomStream;
import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichKinematics;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.KinematicFrame;
import org.junit.jupiter.api.Test;

/** Reference-state initialisation: resets start from the sampler's state, drawn from the env's own stream. */
class ReferenceStateInitTest {

    /** A stand-in for a motion clip: a standing pose with a drawn knee bend, moving forward at 0.8 m/s, 3 m ahead. */
    static final ReferenceStateSampler SAMPLER = new ReferenceStateSampler() {
        private final OstrichKinematics kinematics = new OstrichKinematics();

        @Override
        public synchronized void sample(RandomStream rng, KinematicFrame out) {
            double[] q = OstrichLayout.DEFAULT_JOINT_POS.clone();
            q[1] += 0.3 * rng.nextDouble();
            kinematics.standing(q, 0.0, out);
            out.rootPos[0] = 3.0;
            out.rootLinVel[0] = 0.8;
            kinematics.forward(out);
        }
    };

    static SimSettings rsi(double fraction) {
        return SimSettings.fromConfig(ConfigFactory.parseString("amp.sim.init { reference-command = false, reference-state-init = "
                + fraction + " }")
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }

    @Test
    void resetsStartFromTheReferenceStateAtTheEnvOrigin() {
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(rsi(1.0), 3, EnvIds.range(0, 4), SAMPLER)) {
            for (int i = 0; i < 4; i++) {
                KinematicFrame f = ((VelocityTaskEnv) env.member(i)).frame();
                assertEquals(0.8, f.rootLinVel[0], 1e-9, "root velocity from the reference");
                assertEquals(0.0, f.rootPos[0], 1e-12, "root moved to the env origin");
                assertTrue(f.jointPos[1] >= 0.5 && f.jointPos[1] <= 0.8, "knee from the reference: " + f.jointPos[1]);
                assertEquals(0.8f, env.buffers().ampObs[i * 22 + 10], 1e-6f, "AMP root_lin_vel_w x");
            }
            double k0 = ((VelocityTaskEnv) env.member(0)).frame().jointPos[1];
            double k1 = ((VelocityTaskEnv) env.member(1)).frame().jointPos[1];
            assertNotEquals(k0, k1, "each env draws from its own stream");
            try (BatchVecEnv alone = VelocityTaskVecEnvs.create(rsi(1.0), 3, new int[] {1}, SAMPLER)) {
                assertEquals(((VelocityTaskEnv) env.member(1)).stateHash(), ((VelocityTaskEnv) alone.member(0)).stateHash(),
                        "same seed, env id and episode: same reference state");
            }
        }
    }

    @Test
    void aFractionOfResetsUsesTheReference() {
        int fromReference = 0;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(rsi(0.5), 3, EnvIds.range(0, 64), SAMPLER)) {
            for (int i = 0; i < 64; i++) {
                if (((VelocityTaskEnv) env.member(i)).frame().rootLinVel[0] == 0.8) {
                    fromReference++;
                }
            }
        }
        assertTrue(fromReference > 16 && fromReference < 48, "about half from the reference, got " + fromReference);
    }

    @Test
    void referenceCommandAsksAReferenceStartedEpisodeForTheReferencesSpeed() {
        SimSettings s = SimSettings.fromConfig(ConfigFactory.parseString(
                "amp.sim.init { reference-state-init = 0.5, reference-command = true }")
                .withFallback(ConfigFactory.defaultReference()).resolve());
        int fromReference = 0;
        int other = 0;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, 3, EnvIds.range(0, 64), SAMPLER);
                BatchVecEnv plain = VelocityTaskVecEnvs.create(rsi(0.5), 3, EnvIds.range(0, 64), SAMPLER)) {
            for (int i = 0; i < 64; i++) {
                VelocityTaskEnv e = (VelocityTaskEnv) env.member(i);
                VelocityTaskEnv p = (VelocityTaskEnv) plain.member(i);
                assertEquals(p.frame().rootLinVel[0], e.frame().rootLinVel[0], "the same starts with and without it");
                if (e.frame().rootLinVel[0] == 0.8) {
                    fromReference++;
                    assertEquals(0.8, e.command(), 1e-12, "env " + i + " commanded the reference state's speed");
                    assertNotEquals(0.8, p.command(), "without it the command is drawn");
                } else {
                    other++;
                    assertEquals(p.command(), e.command(), "default-pose starts keep their drawn command");
                }
            }
        }
        assertTrue(fromReference > 0 && other > 0, fromReference + " / " + other);
        assertNotEquals(rsi(0.5).digest(), s.digest(), "reference-command shapes trajectories");
    }
}
