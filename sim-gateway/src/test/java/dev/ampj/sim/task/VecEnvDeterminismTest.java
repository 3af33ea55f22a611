package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.SimSettings;
import org.junit.jupiter.api.Test;

/**
 * Golden hash and determinism of the ostrich VecEnv: a fixed action script for 600 steps x 16 envs
 * folds a hash of every step's raw state and outputs. Fails on any change of physics or task
 * behaviour (update {@link #GOLDEN} only for an intended change, say so in the commit, and bump
 * {@link VelocityTaskVecEnvs#REVISION} — or the engine's version if only the physics changed).
 */
class VecEnvDeterminismTest {

    /** ampj-reduced 1 (the default engine), amp.sim defaults, seed 42, envs 0..15, 600 steps of {@link Scripts#action}. */
    static final long GOLDEN = 0x6b098538697dca79L;
    /** The same with amp.sim.engine = ode4j (ode4j 0.5.3). */
    static final long GOLDEN_ODE4J = 0x4eceb7c32657cb95L;
    static final int STEPS = 600;
    static final int ENVS = 16;
    static final long SEED = 42;

    /** Runs the script; returns per-env per-step hashes [env][step] and counts ended episodes in {@code dones[0]}. */
    static long[][] run(SimSettings s, int[] ids, int from, int to, BatchVecEnv env, int[] dones) {
        long[][] h = new long[ids.length][to - from];
        float[] actions = new float[ids.length * 6];
        for (int t = from; t < to; t++) {
            Scripts.fill(env, actions, t);
            env.step(actions);
            for (int i = 0; i < ids.length; i++) {
                h[i][t - from] = Scripts.fold(0xCBF29CE484222325L, env, i);
                if (dones != null && env.buffers().done(i)) {
                    dones[0]++;
                }
            }
        }
        return h;
    }

    static long fold(long[][] h) {
        long g = 0xCBF29CE484222325L;
        for (int t = 0; t < h[0].length; t++) {
            for (long[] row : h) {
                g = Scripts.fnv(g, row[t]);
            }
        }
        return g;
    }

    /** The settings the golden trajectories were recorded with (the defaults then). */
    private static final String GOLDEN_SETTINGS = "amp.sim.command.lin-vel-x = [0.0, 1.5]\namp.sim.action-clip = 2.0\n"
            + "amp.sim.rewards { joint-torque = -1.0e-5, energy = -1.0e-4, joint-pos-limits = 0.0 }\n"
            + "amp.sim.observations.amp-history-length = 1";

    @Test
    void goldenHashAndThreadCountAndBatchIndependence() {
        goldenHashAndThreadCountAndBatchIndependence(VecEnvBehaviourTest.with(GOLDEN_SETTINGS), GOLDEN);
    }

    @Test
    void goldenHashAndThreadCountAndBatchIndependenceOfOde4j() {
        goldenHashAndThreadCountAndBatchIndependence(VecEnvBehaviourTest.with("amp.sim.engine = ode4j\n" + GOLDEN_SETTINGS),
                GOLDEN_ODE4J);
    }

    private static void goldenHashAndThreadCountAndBatchIndependence(SimSettings s, long expected) {
        int[] ids = EnvIds.range(0, ENVS);
        int[] dones = new int[1];
        long[][] one;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, SEED, ids)) {
            one = run(s, ids, 0, STEPS, env, dones);
        }
        long golden = fold(one);
        System.out.println(s.engine() + " golden hash " + Long.toHexString(golden) + " (" + dones[0] + " episodes ended)");
        assertTrue(dones[0] >= 4, "the script must exercise resets, got " + dones[0]);
        assertEquals(Long.toHexString(expected), Long.toHexString(golden), s.engine() + ": physics or task behaviour changed");

        long[][] two;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s.withThreads(2), SEED, ids)) {
            assertEquals(2, env.threads());
            two = run(s, ids, 0, STEPS, env, null);
        }
        for (int i = 0; i < ENVS; i++) {
            assertArrayEquals(one[i], two[i], "env " + i + ": 1 vs 2 threads");
        }

        long[][] alone;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, SEED, new int[] {3})) {
            alone = run(s, new int[] {3}, 0, STEPS, env, null);
        }
        assertArrayEquals(one[3], alone[0], "env 3 alone vs inside the batch");
    }

    /** Noise (uniform and Gaussian), clip, scale, history, friction, link masses and pushes all on. */
    static final String PROCESSED = """
            amp.sim.observations.policy { history-length = 5, joint_pos_rel.noise = 0.01, joint_vel.noise = 1.5 }
            amp.sim.observations.policy.projected_gravity { noise = 0.05, noise-type = gaussian, clip = [-0.9, 0.9], scale = 2 }
            amp.sim.observations.critic { root_lin_vel_b { noise = 0.1, history-length = 3 } }
            amp.sim.randomization { friction = [0.4, 1.2], mass-scale = [0.7, 1.3] }
            amp.sim.randomization.push { interval-s = [0.5, 1.5], lin-vel-x = [-0.8, 0.8] }
            """;

    @Test
    void withNoiseHistoryAndRandomizationTheRunIsAFunctionOfSeedAndEnvIdOnly() {
        withNoiseHistoryAndRandomizationTheRunIsAFunctionOfSeedAndEnvIdOnly("");
    }

    /** The same on ode4j, whose link masses are set through its bodies' DMass. */
    @Test
    void withNoiseHistoryAndRandomizationTheRunIsAFunctionOfSeedAndEnvIdOnlyOnOde4j() {
        withNoiseHistoryAndRandomizationTheRunIsAFunctionOfSeedAndEnvIdOnly("amp.sim.engine = ode4j\n");
    }

    private static void withNoiseHistoryAndRandomizationTheRunIsAFunctionOfSeedAndEnvIdOnly(String engine) {
        SimSettings s = VecEnvBehaviourTest.with(engine + PROCESSED + GOLDEN_SETTINGS);
        int[] ids = EnvIds.range(0, ENVS);
        int[] dones = new int[1];
        long[][] one;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, SEED, ids)) {
            assertEquals(5 * 28, env.spec().policyDim());
            assertEquals(31 + 2 * 3, env.spec().criticDim());
            one = run(s, ids, 0, STEPS, env, dones);
        }
        assertTrue(dones[0] >= 4, "the script must exercise resets, got " + dones[0]);
        long[][] again;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, SEED, ids)) {
            again = run(s, ids, 0, STEPS, env, null);
        }
        assertEquals(fold(one), fold(again), "same seed, same digests");
        long[][] defaults;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(VecEnvBehaviourTest.with(engine + GOLDEN_SETTINGS), SEED, ids)) {
            defaults = run(s, ids, 0, STEPS, env, null);
        }
        assertTrue(fold(one) != fold(defaults), "the settings must change the run");
        SimSettings nominalMasses = VecEnvBehaviourTest.with(engine + PROCESSED
                + "amp.sim.randomization.mass-scale = []\n" + GOLDEN_SETTINGS);
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(nominalMasses, SEED, ids)) {
            assertTrue(fold(one) != fold(run(s, ids, 0, STEPS, env, null)), "the link masses must change the run");
        }
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s.withThreads(2), SEED, ids)) {
            long[][] two = run(s, ids, 0, STEPS, env, null);
            for (int i = 0; i < ENVS; i++) {
                assertArrayEquals(one[i], two[i], "env " + i + ": 1 vs 2 threads");
            }
        }
        // two shards of 8 envs each, as two SimShards would hold them
        for (int shard = 0; shard < 2; shard++) {
            int[] block = EnvIds.range(8 * shard, 8);
            try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, SEED, block)) {
                long[][] part = run(s, block, 0, STEPS, env, null);
                for (int i = 0; i < block.length; i++) {
                    assertArrayEquals(one[block[i]], part[i], "env " + block[i] + ": 1 vs 2 shards");
                }
            }
        }
        snapshotRestoresExactlyInPlaceAndIntoAFreshInstance(s);
    }

    @Test
    void snapshotRestoresExactlyInPlaceAndIntoAFreshInstance() {
        for (String engine : SimSettings.ENGINES) {
            snapshotRestoresExactlyInPlaceAndIntoAFreshInstance(VecEnvBehaviourTest.with("amp.sim.engine = " + engine));
        }
    }

    private static void snapshotRestoresExactlyInPlaceAndIntoAFreshInstance(SimSettings s) {
        int[] ids = EnvIds.range(100, 8);
        byte[] snap;
        long[][] continued;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(s, SEED, ids)) {
            run(s, ids, 0, 300, env, null);
            snap = env.snapshot();
            continued = run(s, ids, 300, STEPS, env, null);
            env.restore(snap);
            long[][] inPlace = run(s, ids, 300, STEPS, env, null);
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(continued[i], inPlace[i], "in-place restore, env " + ids[i]);
            }
        }
        try (BatchVecEnv fresh = VelocityTaskVecEnvs.create(s.withThreads(2), SEED, ids)) {
            fresh.restore(snap);
            assertArrayEquals(snap, fresh.snapshot(), "restored state re-snapshots to the same bytes");
            long[][] replay = run(s, ids, 300, STEPS, fresh, null);
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(continued[i], replay[i], "fresh-instance restore, env " + ids[i]);
            }
        }
    }
}
