package dev.ampj.learner.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.optim.TorchThreads;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The policy as a simulator shard runs it: built from a policy snapshot (a flat float[]: network
 * parameters and observation-normaliser statistics, see {@link PolicyArchitecture}), usable from any
 * thread, never recording gradients.
 *
 * <p>Rows are computed in zero-padded micro-batches of a fixed size M, and env e always sits in slot
 * {@code e mod M} of its micro-batch: every env's numbers come from the same computation (same shape,
 * same row position) whatever other envs share the call, their number or their order. Action noise
 * for env e at global step t comes from the stream (seed, "action", e, t).
 */
public final class PolicyInference implements AutoCloseable {

    private final PolicyArchitecture arch;
    private final long seed;
    private final int microBatch;
    private final int threads;
    private final NDManager manager;
    private final ActorCritic net;
    private final float[] std;
    private final double[] logStd;
    private final float[] obsMean;
    private final float[] obsDenom;
    private final float[] criticMean;
    private final float[] criticDenom;
    // Per-instance scratch, reused by every call (calls are serialised): inputs staged into libtorch
    // without allocation, outputs read back into fixed arrays.
    private final StagingBuffer policyIn = new StagingBuffer();
    private final StagingBuffer criticIn = new StagingBuffer();
    private final float[] policyRows;
    private final float[] criticRows;
    private final float[] meanRows;
    private final float[] valueRows;

    public PolicyInference(PolicyArchitecture arch, long seed, int microBatch, int threads, float[] snapshot) {
        if (snapshot.length != arch.snapshotLength()) {
            throw new IllegalArgumentException("policy snapshot: expected " + arch.snapshotLength()
                    + " floats for " + arch.dims() + ", got " + snapshot.length);
        }
        for (int i = 0; i < snapshot.length; i++) {
            if (!Float.isFinite(snapshot[i])) {
                throw new IllegalArgumentException("policy snapshot: value " + i + " is " + snapshot[i]);
            }
        }
        if (microBatch <= 0) {
            throw new IllegalArgumentException("inference micro-batch " + microBatch + ": amp.learner.inference-micro-batch"
                    + " = auto must be resolved to the run's envs per shard (LearnerSettings.withShardEnvs) first");
        }
        this.arch = arch;
        this.seed = seed;
        this.microBatch = microBatch;
        this.threads = threads;
        TorchThreads.apply(threads);
        // Rollout-side: always the CPU of the shard that steps the envs, whatever the learner's device.
        this.manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        JniUtils.setGradMode(false);
        this.net = new ActorCritic(manager, DataType.FLOAT32, arch, snapshot, false);
        try (NDManager tmp = manager.newSubManager()) {
            NDArray s = net.actionStd();
            s.attach(tmp);
            this.std = s.toFloatArray();
        }
        this.logStd = GaussianSampler.logStd(std);
        int at = arch.networkParameters();
        int dp = arch.dims().policyObs();
        int dc = arch.dims().criticObs();
        this.obsMean = slice(snapshot, at, dp);
        this.obsDenom = slice(snapshot, at + dp, dp);
        this.criticMean = slice(snapshot, at + 2 * dp, dc);
        this.criticDenom = slice(snapshot, at + 2 * dp + dc, dc);
        this.policyRows = new float[microBatch * dp];
        this.criticRows = new float[microBatch * dc];
        this.meanRows = new float[microBatch * arch.dims().actions()];
        this.valueRows = new float[microBatch];
    }

    public static PolicyInference create(LearnerSettings settings, LearnerDims dims, long seed, float[] snapshot) {
        return new PolicyInference(PolicyArchitecture.of(settings.policy(), dims), seed,
                settings.inferenceMicroBatch(), settings.torchThreads(), snapshot);
    }

    /**
     * Means, std, values and sampled actions for the envs {@code envIds} at global step {@code step};
     * {@code policyObs} is [rows][policyObs] and {@code criticObs} [rows][criticObs], raw (unnormalised).
     */
    public ActResult act(long step, int[] envIds, float[] policyObs, float[] criticObs) {
        int rows = envIds.length;
        check("policyObs", policyObs, rows, arch.dims().policyObs());
        check("criticObs", criticObs, rows, arch.dims().criticObs());
        int a = arch.dims().actions();
        float[] means = new float[rows * a];
        float[] values = new float[rows];
        run(envIds, policyObs, criticObs, means, values);
        float[] actions = new float[rows * a];
        float[] logProbs = new float[rows];
        if ((long) rows * a < PARALLEL_SAMPLING_DRAWS) {
            sample(step, envIds, means, actions, logProbs, 0, rows);
        } else {
            // Each env's draws depend on (seed, env, step) alone: two halves on two threads give the same bits.
            int half = rows / 2;
            ForkJoinTask<?> upper = ForkJoinPool.commonPool()
                    .submit(() -> sample(step, envIds, means, actions, logProbs, half, rows));
            sample(step, envIds, means, actions, logProbs, 0, half);
            upper.join();
        }
        return new ActResult(actions, logProbs, values, means, std.clone());
    }

    /**
     * Gaussian draws per call above which sampling is split over two threads (~40 ns a draw: g1's
     * 512 envs x 23 actions take ~0.45 ms on one).
     */
    static final int PARALLEL_SAMPLING_DRAWS = 4096;

    private void sample(long step, int[] envIds, float[] means, float[] actions, float[] logProbs, int from, int to) {
        int a = arch.dims().actions();
        for (int r = from; r < to; r++) {
            logProbs[r] = GaussianSampler.sample(seed, envIds[r], step, means, std, logStd, r * a, actions);
        }
    }

    /** Values of raw critic observations [rows][criticObs] (e.g. the terminal observations of timed-out envs). */
    public float[] values(int[] envIds, float[] criticObs) {
        check("criticObs", criticObs, envIds.length, arch.dims().criticObs());
        float[] values = new float[envIds.length];
        run(envIds, null, criticObs, null, values);
        return values;
    }

    private synchronized void run(int[] envIds, float[] policyObs, float[] criticObs, float[] means, float[] values) {
        TorchThreads.apply(threads);
        JniUtils.setGradMode(false);
        int rows = envIds.length;
        int m = microBatch;
        // Place each env in slot (env mod M) of the first micro-batch where that slot is free.
        int[] used = new int[m];
        int[] batchOf = new int[rows];
        int batches = 0;
        for (int r = 0; r < rows; r++) {
            if (envIds[r] < 0) {
                throw new IllegalArgumentException("envIds[" + r + "] = " + envIds[r] + ": env ids are >= 0");
            }
            int slot = envIds[r] % m;
            batchOf[r] = used[slot]++;
            batches = Math.max(batches, batchOf[r] + 1);
        }
        int dp = arch.dims().policyObs();
        int dc = arch.dims().criticObs();
        int a = arch.dims().actions();
        for (int b = 0; b < batches; b++) {
            boolean actor = policyObs != null;
            float[] po = policyRows;
            float[] co = criticRows;
            if (actor) {
                Arrays.fill(po, 0f);
            }
            Arrays.fill(co, 0f);
            for (int r = 0; r < rows; r++) {
                if (batchOf[r] != b) {
                    continue;
                }
                int slot = envIds[r] % m;
                if (actor) {
                    for (int j = 0; j < dp; j++) {
                        po[slot * dp + j] = (policyObs[r * dp + j] - obsMean[j]) / obsDenom[j];
                    }
                }
                for (int j = 0; j < dc; j++) {
                    co[slot * dc + j] = (criticObs[r * dc + j] - criticMean[j]) / criticDenom[j];
                }
            }
            try (NDManager local = manager.newSubManager()) {
                if (actor) {
                    StagingBuffer.read(net.actionMean(policyIn.tensor(local, po, new Shape(m, dp))), meanRows);
                }
                StagingBuffer.read(net.value(criticIn.tensor(local, co, new Shape(m, dc))), valueRows);
            }
            for (int r = 0; r < rows; r++) {
                if (batchOf[r] != b) {
                    continue;
                }
                int slot = envIds[r] % m;
                values[r] = valueRows[slot];
                if (actor) {
                    System.arraycopy(meanRows, slot * a, means, r * a, a);
                }
            }
        }
    }

    private static void check(String name, float[] x, int rows, int dim) {
        if (x == null || x.length != rows * dim) {
            throw new IllegalArgumentException(name + ": expected " + rows + " x " + dim + " = " + rows * dim
                    + " floats, got " + (x == null ? "null" : x.length));
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(name + "[row " + i / dim + ", col " + i % dim + "] is " + x[i]);
            }
        }
    }

    private static float[] slice(float[] x, int from, int n) {
        float[] out = new float[n];
        System.arraycopy(x, from, out, 0, n);
        return out;
    }

    public PolicyArchitecture architecture() {
        return arch;
    }

    public int microBatch() {
        return microBatch;
    }

    @Override
    public void close() {
        manager.close();
    }
}
