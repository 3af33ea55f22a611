package dev.ampj.learner.bench;

import com.typesafe.config.ConfigFactory;
import dev.ampj.common.CounterRandom;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.nn.ActResult;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.learner.storage.Rollout;
import dev.ampj.learner.storage.RolloutColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * The learner's benchmark workload on synthetic data (counter-based streams): timed updates
 * (style rewards + discriminator update + PPO update, as amp-rsl-rl's AMP_PPO.update does them) and
 * the rollout-side cost of one step for all envs (actor + critic forward, sampling, log-prob, style
 * reward). Also reports the process RSS before and after the timed updates.
 */
public final class LearnerBenchmark {

    private static final long SEED = 1;

    private LearnerBenchmark() {}

    public static LearnerSettings settings(BenchSpec spec) {
        String hocon = "amp.learner { torch-threads = " + spec.threads() + ", inference-micro-batch = " + spec.inferenceRows()
                + ", policy { actor-hidden-dims = " + Arrays.toString(spec.acHidden())
                + ", critic-hidden-dims = " + Arrays.toString(spec.acHidden()) + " }"
                + ", ppo { num-learning-epochs = " + spec.epochs() + ", num-mini-batches = " + spec.miniBatches() + " }"
                + ", discriminator { hidden-dims = " + Arrays.toString(spec.discHidden()) + ", minibatch-std = true"
                + ", loss = bce, num-learning-epochs = " + spec.epochs() + ", num-mini-batches = " + spec.miniBatches()
                + " } }";
        return LearnerSettings.fromConfig(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }

    /** Runs the workload; {@code progress} hears the index of each finished update. */
    public static BenchResult run(BenchSpec spec, IntConsumer progress) {
        LearnerSettings settings = settings(spec);
        LearnerDims dims = new LearnerDims(spec.obs(), spec.obs(), spec.actions(), spec.amp());
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-discriminator");
            t.setDaemon(true);
            return t;
        });
        try (AmpLearner learner = AmpLearner.create(settings, dims, SEED)) {
            Rollout rollout = rollout(dims, spec.horizon(), spec.envs());
            int need = learner.discriminator().expertPairsNeeded(rollout.steps());
            float[] expert = gaussian("expert", need * dims.ampObs(), 0.8, 0.3);
            float[] expertNext = gaussian("expert-next", need * dims.ampObs(), 0.8, 0.3);
            double ppo = 0;
            double disc = 0;
            double wall = 0;
            double[] walls = new double[spec.updates()];
            double rssStart = 0;
            long cpuStart = 0;
            double loadStart = loadAverage();
            for (int u = 0; u < spec.warmup() + spec.updates(); u++) {
                if (u == spec.warmup()) {
                    rssStart = rssMiB();
                    cpuStart = processCpuNanos();
                }
                long t0 = System.nanoTime();
                float[] style = learner.discriminator().styleRewards(rollout.ampObs(), rollout.ampNextObs(),
                        rollout.steps()).rewards();
                long t2;
                if (spec.overlap()) {
                    CompletableFuture<Long> d = CompletableFuture.supplyAsync(() -> {
                        learner.discriminator().update(rollout.ampObs(), rollout.ampNextObs(), rollout.steps(),
                                expert, expertNext, need);
                        return System.nanoTime();
                    }, pool);
                    learner.ppo().update(rollout, style);
                    long ppoEnd = System.nanoTime();
                    long discEnd = d.join();
                    t2 = Math.max(ppoEnd, discEnd);
                    if (u >= spec.warmup()) {
                        disc += (discEnd - t0) * 1e-9;
                        ppo += (ppoEnd - t0) * 1e-9;
                        wall += (t2 - t0) * 1e-9;
                        walls[u - spec.warmup()] = (t2 - t0) * 1e-9;
                    }
                } else {
                    learner.discriminator().update(rollout.ampObs(), rollout.ampNextObs(), rollout.steps(), expert,
                            expertNext, need);
                    long t1 = System.nanoTime();
                    learner.ppo().update(rollout, style);
                    t2 = System.nanoTime();
                    if (u >= spec.warmup()) {
                        disc += (t1 - t0) * 1e-9;
                        ppo += (t2 - t1) * 1e-9;
                        wall += (t2 - t0) * 1e-9;
                        walls[u - spec.warmup()] = (t2 - t0) * 1e-9;
                    }
                }
                progress.accept(u);
            }
            double cpu = (processCpuNanos() - cpuStart) * 1e-9;
            double rssEnd = rssMiB();
            double act = actSecondsPerStep(learner, dims, spec);
            int k = spec.updates();
            Arrays.sort(walls);
            return new BenchResult(spec, wall / k, walls[k / 2], ppo / k, disc / k, cpu / k, act, rssStart, rssEnd, loadStart,
                    loadAverage(), learner.policyDigest(), learner.discriminatorDigest());
        } finally {
            pool.shutdown();
        }
    }

    /** Rollout steps timed for the act figure (as the PyTorch anchor). */
    static final int ACT_STEPS = 200;
    /**
     * Untimed steps first: at least the anchor's 20, and at least 3 s of them. The JIT compiles the
     * call path (DJL's JNI wrappers, sampling) over the first ~500 calls of a 512-env step, which
     * runs ~2x slower until then; a training run makes millions of these calls, so the steady state
     * is the figure that matters. PyTorch's act rate shows no such warm-up (measured: flat from the
     * first 200 steps).
     */
    static final int ACT_WARMUP_STEPS = 20;
    static final long ACT_WARMUP_NANOS = 3_000_000_000L;

    /** Mean time of one rollout step for all envs: inference, sampling, log-prob and style reward. */
    static double actSecondsPerStep(AmpLearner learner, LearnerDims dims, BenchSpec spec) {
        int n = spec.envs();
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        float[] obs = gaussian("act-obs", n * dims.policyObs(), 1.0, 0);
        float[] amp = gaussian("act-amp", n * dims.ampObs(), 1.0, 0);
        float[] ampNext = gaussian("act-amp-next", n * dims.ampObs(), 1.0, 0);
        try (PolicyInference inference = learner.newInference()) {
            long warmupEnd = System.nanoTime() + ACT_WARMUP_NANOS;
            int warmup = 0;
            while (warmup < ACT_WARMUP_STEPS || System.nanoTime() < warmupEnd) {
                inference.act(warmup++, ids, obs, obs);
                learner.discriminator().styleRewards(amp, ampNext, n);
            }
            long t0 = System.nanoTime();
            for (int t = 0; t < ACT_STEPS; t++) {
                ActResult r = inference.act(warmup + t, ids, obs, obs);
                learner.discriminator().styleRewards(amp, ampNext, n);
                if (!Float.isFinite(r.logProbs()[0])) {
                    throw new IllegalStateException("non-finite log-prob in the benchmark");
                }
            }
            return (System.nanoTime() - t0) * 1e-9 / ACT_STEPS;
        }
    }

    static Rollout rollout(LearnerDims d, int horizon, int envs) {
        int n = horizon * envs;
        return Rollout.allocate(horizon, envs, d)
                .with(RolloutColumn.POLICY_OBS, gaussian("obs", n * d.policyObs(), 1.0, 0))
                .with(RolloutColumn.CRITIC_OBS, gaussian("critic-obs", n * d.criticObs(), 1.0, 0))
                .with(RolloutColumn.ACTIONS, gaussian("actions", n * d.actions(), 1.0, 0))
                .with(RolloutColumn.LOG_PROBS, gaussian("log-probs", n, 0.5, -d.actions() * 1.42))
                .with(RolloutColumn.VALUES, gaussian("values", n, 1.0, 0))
                .with(RolloutColumn.TASK_REWARDS, gaussian("task-rewards", n, 1.0, 0.5))
                .with(RolloutColumn.DONES, flags("dones", n, 0.01))
                .with(RolloutColumn.TIMEOUTS, flags("timeouts", n, 0.005))
                .with(RolloutColumn.TIMEOUT_VALUES, gaussian("timeout-values", n, 1.0, 0))
                .with(RolloutColumn.LAST_VALUES, gaussian("last-values", envs, 1.0, 0))
                .with(RolloutColumn.AMP_OBS, gaussian("amp", n * d.ampObs(), 1.0, 0))
                .with(RolloutColumn.AMP_NEXT_OBS, gaussian("amp-next", n * d.ampObs(), 1.0, 0));
    }

    private static float[] gaussian(String purpose, int n, double scale, double shift) {
        long key = CounterRandom.key(SEED, "bench-" + purpose);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (shift + scale * CounterRandom.gaussian(key, i));
        }
        return x;
    }

    private static float[] flags(String purpose, int n, double p) {
        long key = CounterRandom.key(SEED, "bench-" + purpose);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = CounterRandom.uniform(key, i) < p ? 1f : 0f;
        }
        return x;
    }

    /** CPU time of the whole process (all threads), nanoseconds. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    /** One-minute load average of the machine (the benchmark's context, never part of a result it digests). */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Resident set size of this process from /proc/self/status (NaN where there is none). */
    public static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
