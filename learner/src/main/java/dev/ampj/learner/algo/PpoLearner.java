package dev.ampj.learner.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDScope;
import dev.ampj.common.Digests;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.config.PpoSettings;
import dev.ampj.learner.config.SymmetrySettings;
import dev.ampj.learner.nn.ActorCritic;
import dev.ampj.learner.nn.PolicyArchitecture;
import dev.ampj.learner.nn.Tensors;
import dev.ampj.learner.normalization.EmpiricalNormalizer;
import dev.ampj.learner.optim.Adam;
import dev.ampj.learner.optim.Autograd;
import dev.ampj.learner.optim.GradientClipping;
import dev.ampj.learner.optim.TorchThreads;
import dev.ampj.learner.storage.Rollout;
import java.security.MessageDigest;
import java.util.List;

/**
 * PPO as rsl_rl runs it: combine task and style rewards, GAE with timeout bootstrapping, advantage
 * normalisation, then epochs x mini-batches (shuffled by the stream (seed, "ppo-minibatch",
 * iteration, epoch)) of clipped surrogate + clipped value loss - entropy bonus, global-norm gradient
 * clipping, KL-adaptive or fixed learning rate, Adam. The update uses the observation-normaliser
 * statistics the rollout was collected with; the rollout's observations are merged into the
 * statistics afterwards, so the shards' next snapshot carries them.
 *
 * <p>Not thread-safe; one update at a time. It may run concurrently with a
 * {@link DiscriminatorTrainer} update on another thread.
 */
public final class PpoLearner implements AutoCloseable {

    private static final double OBS_EPS = 1e-2; // rsl_rl EmpiricalNormalization eps

    private final LearnerDims dims;
    private final PpoSettings settings;
    private final PolicyArchitecture arch;
    private final long seed;
    private final int threads;
    private final NDManager manager;
    private final ActorCritic net;
    private final Adam adam;
    private final EmpiricalNormalizer obsNormalizer;
    private final EmpiricalNormalizer criticObsNormalizer;
    private final RewardCombiner combiner;
    private final Mirror obsMirror;
    private final Mirror criticMirror;
    private final Mirror actionMirror;
    private double learningRate;
    private long iteration;

    public PpoLearner(LearnerSettings s, LearnerDims dims, long seed) {
        this.dims = dims;
        this.settings = s.ppo();
        this.arch = PolicyArchitecture.of(s.policy(), dims);
        this.seed = seed;
        this.threads = s.torchThreads();
        SymmetrySettings sym = settings.symmetry();
        if (sym.enabled()) {
            this.obsMirror = new Mirror("policy-obs-map", sym.policyObsMap(), dims.policyObs());
            this.criticMirror = new Mirror("critic-obs-map", sym.criticObsMap(), dims.criticObs());
            this.actionMirror = new Mirror("action-map", sym.actionMap(), dims.actions());
        } else {
            this.obsMirror = null;
            this.criticMirror = null;
            this.actionMirror = null;
        }
        TorchThreads.apply(threads);
        this.manager = NDManager.newBaseManager(dev.ampj.learner.LearnerDevice.resolve(s.device()));
        this.net = new ActorCritic(manager, DataType.FLOAT32, arch, arch.initialParameters(seed), true);
        this.adam = new Adam(manager, net.trainableParameters(), settings.adam());
        this.obsNormalizer = new EmpiricalNormalizer(dims.policyObs(), OBS_EPS, s.policy().obsNormalization());
        this.criticObsNormalizer = new EmpiricalNormalizer(dims.criticObs(), OBS_EPS, s.policy().obsNormalization());
        this.combiner = new RewardCombiner(s.styleReward());
        this.learningRate = settings.learningRate();
    }

    /**
     * One PPO update from {@code rollout}, its rewards being the combination of the task rewards and
     * {@code styleRewards} [T*N] (null: task rewards only). Validates everything first: on bad input
     * nothing is changed.
     */
    public PpoStats update(Rollout rollout, float[] styleRewards) {
        return updateWithRewards(rollout, rewards(rollout, styleRewards));
    }

    /**
     * The rewards PPO optimises: {@code rollout}'s task rewards combined with {@code styleRewards}
     * [T*N] by the configured {@code amp.learner.style-reward} (null: the task rewards themselves).
     * The one place the two are combined; telemetry records what this returns.
     */
    public float[] rewards(Rollout rollout, float[] styleRewards) {
        if (styleRewards == null) {
            return rollout.taskRewards();
        }
        if (styleRewards.length != rollout.taskRewards().length) {
            throw new IllegalArgumentException("styleRewards: " + styleRewards.length + " values, the rollout has "
                    + rollout.taskRewards().length + " steps");
        }
        for (int i = 0; i < styleRewards.length; i++) {
            if (!Float.isFinite(styleRewards[i])) {
                throw new IllegalArgumentException("styleRewards[" + i + "] is " + styleRewards[i]);
            }
        }
        return combiner.combine(rollout.taskRewards(), styleRewards);
    }

    /** One PPO update from {@code rollout} with the given per-step {@code rewards} [T*N] ({@link #rewards}). */
    public PpoStats updateWithRewards(Rollout rollout, float[] rewards) {
        rollout.validate(dims);
        TorchThreads.apply(threads);
        int n = rollout.steps();
        if (n < settings.numMiniBatches()) {
            throw new IllegalArgumentException("rollout: " + n + " samples (horizon x envs), fewer than "
                    + "amp.learner.ppo.num-mini-batches = " + settings.numMiniBatches());
        }
        if (rewards.length != n) {
            throw new IllegalArgumentException("rewards: " + rewards.length + " values, the rollout has " + n + " steps");
        }
        double[][] gae = Gae.compute(rollout.horizon(), rollout.numEnvs(), rewards, rollout.values(),
                rollout.lastValues(), rollout.dones(), rollout.timeouts(), rollout.timeoutValues(),
                settings.gamma(), settings.lam());
        float[] advantages = Gae.normalize(gae[0]);
        float[] returns = new float[n];
        for (int i = 0; i < n; i++) {
            returns[i] = (float) gae[1][i];
        }
        int dp = dims.policyObs();
        int dc = dims.criticObs();
        int da = dims.actions();
        float[] obs = new float[n * dp];
        float[] criticObs = new float[n * dc];
        EmpiricalNormalizer.normalize(rollout.policyObs(), n, obsNormalizer.mean32(), obsNormalizer.denom32(), obs);
        EmpiricalNormalizer.normalize(rollout.criticObs(), n, criticObsNormalizer.mean32(),
                criticObsNormalizer.denom32(), criticObs);
        // Mirrors act on raw observations (as rsl_rl's augmentation runs before the normaliser).
        float[] obsMirrored = null;
        float[] criticMirrored = null;
        if (obsMirror != null) {
            obsMirrored = new float[n * dp];
            criticMirrored = new float[n * dc];
            EmpiricalNormalizer.normalize(mirror(obsMirror, rollout.policyObs(), n, dp), n, obsNormalizer.mean32(),
                    obsNormalizer.denom32(), obsMirrored);
            EmpiricalNormalizer.normalize(mirror(criticMirror, rollout.criticObs(), n, dc), n,
                    criticObsNormalizer.mean32(), criticObsNormalizer.denom32(), criticMirrored);
        }

        Autograd.gradMode(false);
        float[] oldMeans;
        float[] oldStd;
        try (NDScope scope = new NDScope()) {
            oldMeans = net.actionMean(manager.create(obs, new Shape(n, dp))).toFloatArray();
            oldStd = net.actionStd().toFloatArray();
        }

        boolean augment = obsMirror != null && settings.symmetry().useDataAugmentation();
        boolean mirrorLoss = obsMirror != null && settings.symmetry().useMirrorLoss();
        PpoMiniBatches batches = new PpoMiniBatches(dims, seed, iteration, n, settings.numMiniBatches(),
                new PpoMiniBatches.Columns(obs, criticObs, obsMirrored, criticMirrored, rollout.actions(),
                        rollout.logProbs(), advantages, returns, rollout.values(), oldMeans),
                augment ? actionMirror : null);
        int batch = batches.batch;
        int rows = batches.rows;

        double sumSurrogate = 0, sumValue = 0, sumEntropy = 0, sumKl = 0, sumClip = 0, sumMirror = 0, sumNorm = 0;
        int updates = 0;
        try {
            for (int epoch = 0; epoch < settings.numLearningEpochs(); epoch++) {
                int[] perm = batches.permutation(epoch);
                for (int mb = 0; mb < settings.numMiniBatches(); mb++) {
                    batches.fill(perm, mb);
                    try (NDScope scope = new NDScope()) {
                        Autograd.gradMode(true);
                        NDArray o = manager.create(batches.obs, new Shape(rows, dp));
                        NDArray mean = net.actionMean(o);
                        NDArray std = net.actionStd();
                        NDArray value = net.value(manager.create(batches.criticObs, new Shape(rows, dc)));
                        PpoLoss.Terms t = PpoLoss.compute(settings, mean, std, value,
                                manager.create(batches.actions, new Shape(rows, da)), manager.create(batches.oldLogProbs),
                                manager.create(batches.advantages), manager.create(batches.returns),
                                manager.create(batches.values));
                        NDArray loss = t.loss();
                        if (mirrorLoss) {
                            NDArray mirrored = augment ? mean.get(new NDIndex(batch + ":"))
                                    : net.actionMean(manager.create(batches.mirroredObs(perm, mb), new Shape(batch, dp)));
                            NDArray target = mean.get(new NDIndex("0:" + batch)).stopGradient()
                                    .matMul(manager.create(actionMirror.matrix(), new Shape(da, da)));
                            NDArray mirrorTerm = mirrored.sub(target).square().mean();
                            loss = loss.add(Tensors.mul(mirrorTerm, (float) settings.symmetry().mirrorLossCoef()));
                            sumMirror += mirrorTerm.getFloat();
                        }
                        NDArray meanOrig = augment ? mean.get(new NDIndex("0:" + batch)) : mean;
                        double kl = PpoLoss.kl(manager.create(batches.oldMeans, new Shape(batch, da)),
                                manager.create(oldStd), meanOrig, std).getFloat();
                        if (settings.adaptiveSchedule()) {
                            if (kl > settings.desiredKl() * 2.0) {
                                learningRate = Math.max(settings.minLearningRate(), learningRate / 1.5);
                            } else if (kl < settings.desiredKl() / 2.0 && kl > 0.0) {
                                learningRate = Math.min(settings.maxLearningRate(), learningRate * 1.5);
                            }
                        }
                        Autograd.backward(loss);
                        Autograd.gradMode(false);
                        sumNorm += GradientClipping.clipGlobalNorm(net.trainableParameters(), settings.maxGradNorm());
                        adam.step(learningRate);
                        Autograd.zeroGradients(net.trainableParameters());
                        sumSurrogate += t.surrogate().getFloat();
                        sumValue += t.value().getFloat();
                        sumEntropy += t.entropy().getFloat();
                        sumClip += t.clipFraction().getFloat();
                        sumKl += kl;
                        updates++;
                    }
                }
            }
        } finally {
            Autograd.gradMode(false);
        }
        obsNormalizer.update(rollout.policyObs(), n);
        criticObsNormalizer.update(rollout.criticObs(), n);
        long done = iteration++;
        double stdMean = 0;
        for (float v : oldStd) {
            stdMean += v;
        }
        return new PpoStats(done, sumSurrogate / updates, sumValue / updates, sumEntropy / updates, sumKl / updates,
                sumClip / updates, sumMirror / updates, sumNorm / updates, learningRate,
                explainedVariance(rollout.values(), returns), mean(returns), stdMean / oldStd.length);
    }

    private static float[] mirror(Mirror m, float[] x, int rows, int width) {
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            m.apply(x, r * width, out, r * width);
        }
        return out;
    }

    static double explainedVariance(float[] values, float[] returns) {
        double mr = mean(returns);
        double md = 0;
        for (int i = 0; i < values.length; i++) {
            md += returns[i] - values[i];
        }
        md /= values.length;
        double vr = 0, vd = 0;
        for (int i = 0; i < values.length; i++) {
            vr += (returns[i] - mr) * (returns[i] - mr);
            double d = returns[i] - values[i] - md;
            vd += d * d;
        }
        return vr == 0 ? Double.NaN : 1.0 - vd / vr;
    }

    private static double mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Network parameters then the normalisers' (mean, denom): what {@code PolicyInference} is built from. */
    public float[] policySnapshot() {
        float[] params = Tensors.flatten(net.parameters());
        float[] out = new float[arch.snapshotLength()];
        int at = 0;
        for (float[] part : new float[][] {params, obsNormalizer.mean32(), obsNormalizer.denom32(),
                criticObsNormalizer.mean32(), criticObsNormalizer.denom32()}) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** SHA-256 (hex) of the policy snapshot: networks and observation normalisers. */
    public String digest() {
        MessageDigest md = Digests.sha256();
        Digests.update(md, policySnapshot());
        return Digests.hex(md.digest());
    }

    public PolicyArchitecture architecture() {
        return arch;
    }

    public long iteration() {
        return iteration;
    }

    public double learningRate() {
        return learningRate;
    }

    // --- exact state (read by LearnerState) -------------------------------------------------------

    public float[] networkParameters() {
        return Tensors.flatten(net.parameters());
    }

    public Adam optimizer() {
        return adam;
    }

    public EmpiricalNormalizer obsNormalizer() {
        return obsNormalizer;
    }

    public EmpiricalNormalizer criticObsNormalizer() {
        return criticObsNormalizer;
    }

    public void restore(long iteration, double learningRate, float[] networkParameters) {
        if (networkParameters.length != arch.networkParameters()) {
            throw new IllegalArgumentException("policy parameters: expected " + arch.networkParameters()
                    + ", got " + networkParameters.length);
        }
        Tensors.load(net.parameters(), networkParameters);
        this.iteration = iteration;
        this.learningRate = learningRate;
    }

    List<NDArray> trainableParameters() {
        return net.trainableParameters();
    }

    @Override
    public void close() {
        manager.close();
    }
}
