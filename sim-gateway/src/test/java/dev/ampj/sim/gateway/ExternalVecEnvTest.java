package dev.ampj.sim.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.task.EpisodeStarts;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The platform's end of the gateway against real Python clients: the MuJoCo ostrich steps, resets,
 * snapshots and restores exactly through {@link ExternalVecEnv}; every malformed frame and every bad
 * handshake gets one clear error, the client is dropped, and a client that connects next is admitted.
 */
class ExternalVecEnvTest {

    static final int ENVS = 4;
    static final int[] IDS = {8, 9, 10, 11};

    @TempDir
    Path tmp;

    private static VecEnvSpec spec() {
        SimSettings external = SimSettings.fromConfig(ConfigFactory.parseString("amp.sim.engine = external")
                .withFallback(ConfigFactory.defaultReference()));
        return VelocityTaskVecEnvs.spec(external, "external (test)");
    }

    /** Episode starts from the default pose, drawn from seed 5's streams. */
    static EpisodeStartRows starts() {
        EpisodeStarts s = new EpisodeStarts(5, SimSettings.defaults().withoutReferenceStates(), null);
        return (slot, episode, out, offset) -> s.write(IDS[slot], episode, out, offset);
    }

    private static GatewaySettings settings(String address, Duration stepTimeout) {
        return new GatewaySettings(address, "", 1, Duration.ofSeconds(30), stepTimeout, 1 << 20);
    }

    private Process good(String address, String... extra) throws Exception {
        String[] args = new String[4 + extra.length];
        args[0] = "--envs";
        args[1] = Integer.toString(ENVS);
        args[2] = "--connect";
        args[3] = address;
        System.arraycopy(extra, 0, args, 4, extra.length);
        return PythonClients.start(tmp.resolve("good.log"), "examples/mujoco_ostrich.py", args);
    }

    @Test
    void theMujocoOstrichStepsResetsAndRestoresExactly() throws Exception {
        String address = PythonClients.freeAddress();
        Process client = good(address);
        try {
            try (GatewayClients clients = new GatewayClients(settings(address, Duration.ofSeconds(30)), spec())) {
                ClientLink link = clients.take(IDS, 5);
                assertEquals("mujoco-ostrich", link.hello().simulator());
                assertTrue(link.hello().snapshot());
                try (ExternalVecEnv env = new ExternalVecEnv(link, spec(), IDS, Duration.ofSeconds(30), clients::release, starts())) {
                    StepBuffers b = env.buffers();
                    assertEquals(-1f, b.ampObs[3], "projected gravity z of an upright torso");
                    assertTrue(b.ampObs[0] > 1.0f && b.ampObs[0] < 1.3f, "torso height " + b.ampObs[0]);
                    float[] zeros = new float[ENVS * 6];
                    for (int t = 0; t < 5; t++) {
                        env.step(zeros);
                    }
                    assertEquals(5, b.episodeSteps[0]);
                    byte[] state = env.snapshot();
                    float[] policy = b.policyObs.clone();
                    float[] wave = new float[ENVS * 6];
                    for (int i = 0; i < wave.length; i++) {
                        wave[i] = (float) Math.sin(i);
                    }
                    env.step(wave);
                    float[] after = b.policyObs.clone();
                    float[] reward = b.rewards.clone();
                    env.step(zeros);
                    env.restore(state);
                    assertArrayEquals(policy, b.policyObs, "restore rewrites the observation rows bit-exactly");
                    assertEquals(5, b.episodeSteps[0]);
                    env.step(wave);
                    assertArrayEquals(after, b.policyObs, "the step after a restore repeats bit-exactly");
                    assertArrayEquals(reward, b.rewards);
                    env.reset(new int[] {10});
                    assertEquals(0, b.episodeSteps[2]);
                    assertEquals(1, b.episodeIds[2]);
                    assertThrows(IllegalArgumentException.class, () -> env.reset(new int[] {3}));
                }
            }
            String out = PythonClients.finish(client, tmp.resolve("good.log"), 20);
            assertEquals(0, client.exitValue(), out);
        } finally {
            client.destroyForcibly();
        }
    }

    @Test
    void withoutSnapshotARestoreStartsFreshEpisodes() throws Exception {
        String address = PythonClients.freeAddress();
        Process client = good(address, "--no-snapshot");
        try {
            try (GatewayClients clients = new GatewayClients(settings(address, Duration.ofSeconds(30)), spec())) {
                ClientLink link = clients.take(IDS, 5);
                assertEquals("approximate", link.hello().resume());
                try (ExternalVecEnv env = new ExternalVecEnv(link, spec(), IDS, Duration.ofSeconds(30), clients::release, starts())) {
                    env.step(new float[ENVS * 6]);
                    byte[] state = env.snapshot();
                    env.restore(state);
                    assertEquals(0, env.buffers().episodeSteps[0]);
                    assertEquals(1, env.buffers().episodeIds[0]);
                }
            }
            PythonClients.finish(client, tmp.resolve("good.log"), 20);
        } finally {
            client.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated    | truncated STEP_RESULT: header announces",
        "oversized    | oversized STEP_RESULT: payload of",
        "nan          | STEP_RESULT column amp_obs row 3 col 7: NaN",
        "inf-terminal | STEP_RESULT column terminal_critic_obs row 0 col 0: +Infinity",
        "bad-flag     | STEP_RESULT column terminated row 1: 0.5, expected 0.0 or 1.0",
        "version      | protocol version 2, this platform speaks version 1",
        "rows         | wrong dims: STEP_RESULT has 5 rows, the handshake declared 4 envs",
        "sequence     | STEP_RESULT sequence 999, expected",
        "kind         | expected STEP_RESULT, got OBSERVATION",
        "stall        | stalled: no STEP_RESULT within amp.gateway.step-timeout",
    })
    void aMalformedStepResultDropsTheClientWithOneClearError(String kase, String expected) throws Exception {
        String address = PythonClients.freeAddress();
        Path log = tmp.resolve(kase + ".log");
        Process bad = PythonClients.start(log, "tests/misbehaving_client.py", kase, "--connect", address, "--envs",
                Integer.toString(ENVS));
        try (GatewayClients clients = new GatewayClients(settings(address, Duration.ofSeconds(3)), spec())) {
            ExternalVecEnv env = new ExternalVecEnv(clients.take(IDS, 5), spec(), IDS, Duration.ofSeconds(3), clients::release, starts());
            float[] before = env.buffers().policyObs.clone();
            GatewayProtocolException e = assertThrows(GatewayProtocolException.class, () -> env.step(new float[ENVS * 6]));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertArrayEquals(before, env.buffers().policyObs, "nothing of a rejected reply reaches the buffers");
            String out = PythonClients.finish(bad, log, kase.equals("stall") ? 40 : 20);
            if (!kase.equals("stall")) {
                assertTrue(out.contains(expected), "the client got the same error: " + out);
                assertEquals(0, bad.exitValue(), out);
            }
            assertReconnects(clients, address);
        } finally {
            bad.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad-token         | HELLO token: bad token",
        "bad-amp           | HELLO amp (the AMP term registry's terms of amp.sim.observations.amp-terms) (name:dim): got [joint_pos:6, joint_vel:6], expected [root_height:1, projected_gravity:3",
        "bad-policy-dim    | HELLO observations.policy (name:dim): got [root_lin_vel_b:4",
        "bad-version-hello | protocol version 7, this platform speaks version 1",
        "wrong-envs        | HELLO num_envs: got 5, expected 4",
    })
    void aBadHandshakeIsRefusedAndTheNextClientIsAdmitted(String kase, String expected) throws Exception {
        String address = PythonClients.freeAddress();
        Path log = tmp.resolve(kase + ".log");
        Process bad = PythonClients.start(log, "tests/misbehaving_client.py", kase, "--connect", address, "--envs",
                Integer.toString(ENVS));
        try (GatewayClients clients = new GatewayClients(settings(address, Duration.ofSeconds(30)), spec())) {
            CompletableFuture<ClientLink> taken = CompletableFuture.supplyAsync(() -> clients.take(IDS, 5));
            String out = PythonClients.finish(bad, log, 30);
            assertTrue(out.contains(expected), out);
            assertEquals(0, bad.exitValue(), out);
            Process next = good(address);
            try (ExternalVecEnv env = new ExternalVecEnv(taken.get(60, TimeUnit.SECONDS), spec(), IDS, Duration.ofSeconds(30),
                    clients::release, starts())) {
                env.step(new float[ENVS * 6]);
            } finally {
                next.destroyForcibly();
            }
        } finally {
            bad.destroyForcibly();
        }
    }

    /** After a drop, the next client to connect is admitted for the same env ids and steps. */
    private void assertReconnects(GatewayClients clients, String address) throws Exception {
        Process next = good(address);
        try {
            try (ExternalVecEnv env = new ExternalVecEnv(clients.take(IDS, 5), spec(), IDS, Duration.ofSeconds(30),
                    clients::release, starts())) {
                env.step(new float[ENVS * 6]);
                assertEquals(1, env.buffers().episodeSteps[0]);
            }
        } finally {
            next.destroyForcibly();
        }
    }

    @Test
    void withoutAClientTheWaitEndsWithTheAddressNamed() {
        String address = PythonClients.freeAddress();
        GatewaySettings s = new GatewaySettings(address, "", 1, Duration.ofMillis(300), Duration.ofSeconds(1), 1 << 20);
        try (GatewayClients clients = new GatewayClients(s, spec())) {
            GatewayUnavailableException e = assertThrows(GatewayUnavailableException.class, () -> clients.take(IDS, 5));
            assertTrue(e.getMessage().contains("no external simulator connected to " + address), e.getMessage());
            // a shard restarted after that fails at once instead of waiting again
            long t0 = System.nanoTime();
            assertThrows(GatewayUnavailableException.class, () -> clients.take(IDS, 5));
            assertTrue(System.nanoTime() - t0 < 200_000_000L);
        }
    }

    @Test
    void ipcIsRefusedNamingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GatewaySettings("ipc:///tmp/x", "", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20));
        assertTrue(e.getMessage().contains("use tcp://127.0.0.1:PORT"), e.getMessage());
    }

    @Test
    void aReachableAddressNeedsAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GatewaySettings("tcp://0.0.0.0:5555", "", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20));
        assertTrue(e.getMessage().contains("amp.gateway.token"), e.getMessage());
        new GatewaySettings("tcp://0.0.0.0:5555", "secret", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20);
    }
}
