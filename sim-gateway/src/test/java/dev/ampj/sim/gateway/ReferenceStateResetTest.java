package dev.ampj.sim.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.motion.MotionLibrary;
import dev.ampj.sim.motion.MotionReferenceStates;
import dev.ampj.sim.motion.MotionSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.task.EpisodeStarts;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Episode starts through the gateway (docs/gateway-protocol.md, "Episode starts"): the real MuJoCo
 * ostrich, reset by the platform, is in the reference state the embedded engine starts the same
 * (seed, env, episode) from — joint angles, joint velocities, torso height and command equal within
 * float32 rounding — both for RESET and for the auto-reset inside STEP.
 */
class ReferenceStateResetTest {

    static final long SEED = 11;
    static final int[] IDS = {0, 1, 2, 3, 4, 5};

    @TempDir
    Path tmp;

    private static SimSettings sim() {
        // single-frame AMP rows on both sides: the MuJoCo client writes one frame
        return SimSettings.fromConfig(ConfigFactory.parseString(
                        "amp.sim { init.reference-state-init = 1.0, observations.amp-history-length = 1 }")
                .withFallback(ConfigFactory.defaultReference()));
    }

    @Test
    void theMujocoOstrichStartsWhereTheEmbeddedEngineStarts() throws Exception {
        SimSettings sim = sim();
        MotionLibrary lib = MotionLibrary.load(MotionSettings.defaults(), OstrichLayout.LAYOUT, sim.controlDt());
        MotionReferenceStates sampler = new MotionReferenceStates(lib);
        VecEnvSpec spec = VelocityTaskVecEnvs.spec(sim, "external (test)");
        EpisodeStarts starts = new EpisodeStarts(SEED, sim, sampler);
        String address = PythonClients.freeAddress();
        Path log = tmp.resolve("client.log");
        Process client = PythonClients.start(log, "examples/mujoco_ostrich.py", "--envs", Integer.toString(IDS.length),
                "--connect", address);
        try {
            try (VecEnv embedded = VelocityTaskVecEnvs.create(sim, SEED, IDS, sampler);
                    GatewayClients clients = new GatewayClients(new GatewaySettings(address, "", 1, Duration.ofSeconds(30),
                            Duration.ofSeconds(30), 1 << 20), spec)) {
                ClientLink link = clients.take(IDS, SEED);
                assertTrue(link.hello().referenceStateReset());
                try (ExternalVecEnv external = new ExternalVecEnv(link, spec, IDS, Duration.ofSeconds(30), clients::release,
                        (slot, episode, out, offset) -> starts.write(IDS[slot], episode, out, offset))) {
                    float[] row = new float[EpisodeStarts.WIDTH];
                    for (int i = 0; i < IDS.length; i++) {
                        starts.write(IDS[i], 0, row, 0);
                        assertEquals(1f, row[0], "reference-state-init 1.0: env " + i + " starts from a reference state");
                        assertSameStart(spec, embedded.buffers(), i, external.buffers(), i, "episode 0 of env " + i);
                    }

                    int[] some = {1, 4};
                    embedded.reset(some);
                    external.reset(some);
                    for (int i : some) {
                        assertEquals(1, external.buffers().episodeIds[i]);
                        assertSameStart(spec, embedded.buffers(), i, external.buffers(), i, "RESET: episode 1 of env " + i);
                    }

                    // Auto-resets inside STEP: drive every env over until one ends, then compare its new episode's
                    // first state with the embedded engine's start of the same (env, episode).
                    float[] actions = new float[IDS.length * 6];
                    int ended = -1;
                    for (int t = 0; t < 400 && ended < 0; t++) {
                        for (int k = 0; k < actions.length; k++) {
                            actions[k] = (float) (4 * Math.sin(0.7 * t + k));
                        }
                        external.step(actions);
                        for (int i = 0; i < IDS.length; i++) {
                            if (external.buffers().done(i)) {
                                ended = i;
                                break;
                            }
                        }
                    }
                    assertTrue(ended >= 0, "some env ended within 400 steps of wild actions");
                    long episode = external.buffers().episodeIds[ended] + 1;
                    try (VecEnv fresh = VelocityTaskVecEnvs.create(sim, SEED, IDS, sampler)) {
                        for (long e = 0; e < episode; e++) {
                            fresh.reset(new int[] {IDS[ended]});
                        }
                        assertSameStart(spec, fresh.buffers(), ended, external.buffers(), ended,
                                "STEP auto-reset: episode " + episode + " of env " + ended);
                    }
                }
            }
            String out = PythonClients.finish(client, log, 20);
            assertEquals(0, client.exitValue(), out);
        } finally {
            client.destroyForcibly();
        }
    }

    /** AMP joint_pos, joint_vel, root_height and the policy's velocity_command of row {@code i} of both buffers agree. */
    private static void assertSameStart(VecEnvSpec spec, StepBuffers embedded, int i, StepBuffers external, int j, String what) {
        compare(spec.amp(), "joint_pos", embedded.ampObs, i, external.ampObs, j, 1e-6, what);
        compare(spec.amp(), "joint_vel", embedded.ampObs, i, external.ampObs, j, 1e-5, what);
        compare(spec.amp(), "root_height", embedded.ampObs, i, external.ampObs, j, 1e-6, what);
        compare(spec.policy(), "velocity_command", embedded.policyObs, i, external.policyObs, j, 1e-6, what);
    }

    private static void compare(ObsGroupSpec group, String term, float[] a, int i, float[] b, int j, double tol, String what) {
        ObsGroupSpec.Slice s = group.find(term);
        int w = group.dim();
        for (int k = 0; k < s.dim(); k++) {
            float x = a[i * w + s.offset() + k];
            float y = b[j * w + s.offset() + k];
            assertEquals(x, y, tol, what + ": " + term + "[" + k + "] embedded " + x + ", MuJoCo " + y);
        }
    }
}
