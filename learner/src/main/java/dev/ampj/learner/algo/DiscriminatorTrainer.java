package dev.ampj.learner.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ampj.common.CounterRandom;
import dev.ampj.common.Digests;
import dev.ampj.common.RandomStream;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.DiscriminatorLossType;
import dev.ampj.learner.config.DiscriminatorSettings;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.nn.Discriminator;
import dev.ampj.learner.nn.StagingBuffer;
import dev.ampj.learner.nn.Tensors;
import dev.ampj.learner.normalization.EmpiricalNormalizer;
import dev.ampj.learner.optim.Adam;
import dev.ampj.learner.optim.Autograd;
import dev.ampj.learner.optim.GradientClipping;
import dev.ampj.learner.optim.TorchThreads;
import dev.ampj.learner.storage.AmpReplayBuffer;
import java.security.MessageDigest;

/**
 * Trains the AMP discriminator with its own Adam and learning rate (independent of the PPO KL
 * schedule) and scores AMP pairs into style rewards. Each update inserts the rollout's policy pairs
 * into the replay buffer, then runs epochs x mini-batches steps, each on B policy pairs sampled from
 * the buffer (stream (seed, "amp-replay", iteration)) against the next B expert pairs supplied by
 * the caller, in one joint forward pass (see {@link DiscriminatorObjective}); WGAN-GP's interpolation
 * weights come from the stream (seed, "amp-gp-interpolation", iteration). The AMP normaliser is
 * updated with each step's policy and expert s and s' after the step.
 *
 * <p>Not thread-safe; may run concurrently with a {@link PpoLearner} update on another thread.
 */
public final class DiscriminatorTrainer implements AutoCloseable {

    private final LearnerDims dims;
    private final DiscriminatorSettings settings;
    private final double rewardCoef;
    private final long seed;
    private final int threads;
    private final NDManager manager;
    private final Discriminator net;
    private final Adam adam;
    private final EmpiricalNormalizer normalizer;
    private final AmpReplayBuffer replay;
    private final DiscriminatorInputs inputs;
    private final StagingBuffer scoringIn = new StagingBuffer();
    private long iteration;

    public DiscriminatorTrainer(LearnerSettings s, LearnerDims dims, long seed) {
        this.dims = dims;
        this.settings = s.discriminator();
        this.rewardCoef = s.styleReward().rewardCoef();
        this.seed = seed;
        this.threads = s.torchThreads();
        this.inputs = new DiscriminatorInputs(dims.ampObs(), settings.ampObsMap().length == 0 ? null
                : new Mirror("amp.learner.discriminator", "amp-obs-map", settings.ampObsMap(), dims.ampObs()));
        TorchThreads.apply(threads);
        this.manager = NDManager.newBaseManager(dev.ampj.learner.LearnerDevice.resolve(s.device()));
        float[] init = Discriminator.initialParameters(dims.ampObs(), settings.hiddenDims(), settings.minibatchStd(), seed);
        this.net = new Discriminator(manager, DataType.FLOAT32, dims.ampObs(), settings.hiddenDims(),
                settings.activation(), settings.minibatchStd(), init, true);
        this.adam = new Adam(manager, net.parameters(), settings.adam());
        this.normalizer = new EmpiricalNormalizer(dims.ampObs(), settings.obsNormalizationEps(),
                settings.obsNormalization());
        this.replay = new AmpReplayBuffer(settings.replayBufferSize(), dims.ampObs());
    }

    /** Expert pairs one update consumes for {@code policyPairs} rollout pairs. */
    public int expertPairsNeeded(int policyPairs) {
        return settings.numLearningEpochs() * settings.numMiniBatches() * batchSize(policyPairs);
    }

    private int batchSize(int policyPairs) {
        return Math.max(1, policyPairs / settings.numMiniBatches());
    }

    /** Style rewards (times amp_reward_coef) of {@code count} raw AMP pairs under the current discriminator. */
    public StyleRewardStats styleRewards(float[] ampObs, float[] ampNextObs, int count) {
        checkPairs("ampObs", ampObs, count);
        checkPairs("ampNextObs", ampNextObs, count);
        float[] x = inputs.pairs(ampObs, ampNextObs, count, normalizer.mean32(), normalizer.denom32());
        float[] logits = new float[count];
        TorchThreads.apply(threads);
        Autograd.gradMode(false);
        try (NDScope scope = new NDScope()) {
            StagingBuffer.read(net.logits(scoringIn.tensor(manager, x, new Shape(count, 2L * dims.ampObs()))), logits);
        }
        float[] r = new float[count];
        for (int i = 0; i < count; i++) {
            r[i] = StyleReward.of(settings.loss(), rewardCoef, logits[i]);
        }
        return StyleRewardStats.of(r, logits);
    }

    /**
     * One discriminator update: policy pairs of the rollout (raw, [count][ampObs] each) against expert
     * pairs (raw, at least {@link #expertPairsNeeded} of them, used in order). Validates first.
     */
    public DiscriminatorStats update(float[] policyObs, float[] policyNextObs, int policyPairs, float[] expertObs,
            float[] expertNextObs, int expertPairs) {
        checkPairs("policyAmpObs", policyObs, policyPairs);
        checkPairs("policyAmpNextObs", policyNextObs, policyPairs);
        checkPairs("expertAmpObs", expertObs, expertPairs);
        checkPairs("expertAmpNextObs", expertNextObs, expertPairs);
        int need = expertPairsNeeded(policyPairs);
        if (expertPairs < need) {
            throw new IllegalArgumentException("expertAmpObs: " + expertPairs + " expert pairs given, the update needs "
                    + need + " (" + settings.numLearningEpochs() + " epochs x " + settings.numMiniBatches()
                    + " mini-batches x " + batchSize(policyPairs) + ")");
        }
        TorchThreads.apply(threads);
        replay.insert(policyObs, policyNextObs, policyPairs);
        int b = batchSize(policyPairs);
        int d = dims.ampObs();
        RandomStream stream = new RandomStream(CounterRandom.key(seed, "amp-replay", iteration), 0);
        RandomStream alpha = new RandomStream(CounterRandom.key(seed, "amp-gp-interpolation", iteration), 0);
        boolean wgan = settings.loss() == DiscriminatorLossType.WGAN;
        float[] ps = new float[b * d];
        float[] psNext = new float[b * d];
        float[] es = new float[b * d];
        float[] esNext = new float[b * d];
        int rows = inputs.rows(b);
        double sLoss = 0, sGp = 0, sLogit = 0, sWd = 0, sExpScore = 0, sPolScore = 0, sExpAcc = 0, sPolAcc = 0, sNorm = 0;
        int steps = 0;
        try {
            for (int epoch = 0; epoch < settings.numLearningEpochs(); epoch++) {
                for (int mb = 0; mb < settings.numMiniBatches(); mb++) {
                    replay.sample(stream, b, ps, psNext);
                    System.arraycopy(expertObs, steps * b * d, es, 0, b * d);
                    System.arraycopy(expertNextObs, steps * b * d, esNext, 0, b * d);
                    float[] mean = normalizer.mean32();
                    float[] denom = normalizer.denom32();
                    float[] xp = inputs.augmentedPairs(ps, psNext, b, mean, denom);
                    float[] xe = inputs.augmentedPairs(es, esNext, b, mean, denom);
                    float[] xi = wgan ? DiscriminatorInputs.interpolates(xe, xp, rows, alpha) : null;
                    try (NDScope scope = new NDScope()) {
                        Autograd.gradMode(true);
                        NDArray joint = manager.create(DiscriminatorInputs.joint(xp, xe), new Shape(2L * rows, 2L * d));
                        NDArray between = xi == null ? null : manager.create(xi, new Shape(rows, 2L * d));
                        DiscriminatorObjective.Terms t = DiscriminatorObjective.of(net, settings, joint, between);
                        Autograd.backward(t.loss());
                        Autograd.gradMode(false);
                        sNorm += GradientClipping.clipGlobalNorm(net.parameters(), settings.maxGradNorm());
                        adam.step(settings.learningRate());
                        Autograd.zeroGradients(net.parameters());
                        sLoss += t.main().getFloat();
                        sGp += t.penalty().getFloat();
                        sLogit += t.logitLoss().getFloat();
                        sWd += t.weightDecay().getFloat();
                        float[] le = t.expertLogits().toFloatArray();
                        float[] lp = t.policyLogits().toFloatArray();
                        sExpScore += score(le);
                        sPolScore += score(lp);
                        sExpAcc += fraction(le, true);
                        sPolAcc += fraction(lp, false);
                    }
                    // s and s' of both classes, as amp-rsl-rl's update_normalization.
                    normalizer.update(ps, b);
                    normalizer.update(psNext, b);
                    normalizer.update(es, b);
                    normalizer.update(esNext, b);
                    steps++;
                }
            }
        } finally {
            Autograd.gradMode(false);
        }
        long done = iteration++;
        return new DiscriminatorStats(done, sLoss / steps, sGp / steps, sLogit / steps, sWd / steps, sExpScore / steps,
                sPolScore / steps, sExpAcc / steps, sPolAcc / steps, sNorm / steps, settings.learningRate(), replay.size());
    }

    private double score(float[] logits) {
        double s = 0;
        for (float l : logits) {
            s += settings.loss() == DiscriminatorLossType.BCE ? StyleReward.sigmoid(l) : l;
        }
        return s / logits.length;
    }

    private static double fraction(float[] logits, boolean positive) {
        int k = 0;
        for (float l : logits) {
            if (positive ? l > 0 : l < 0) {
                k++;
            }
        }
        return (double) k / logits.length;
    }

    private void checkPairs(String name, float[] x, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException(name + ": empty batch (" + count + " pairs)");
        }
        int d = dims.ampObs();
        if (x == null || x.length < (long) count * d) {
            throw new IllegalArgumentException(name + ": expected " + count + " x " + d + " = " + (long) count * d
                    + " floats, got " + (x == null ? "null" : x.length));
        }
        for (int i = 0; i < count * d; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(name + "[pair " + i / d + ", col " + i % d + "] is " + x[i]);
            }
        }
    }

    /** SHA-256 (hex) of the discriminator's parameters and the AMP normaliser's (mean, denom). */
    public String digest() {
        MessageDigest md = Digests.sha256();
        Digests.update(md, Tensors.flatten(net.parameters()));
        Digests.update(md, normalizer.mean32());
        Digests.update(md, normalizer.denom32());
        return Digests.hex(md.digest());
    }

    public long iteration() {
        return iteration;
    }

    // --- exact state (read by LearnerState) -------------------------------------------------------

    public float[] parameters() {
        return Tensors.flatten(net.parameters());
    }

    public Adam optimizer() {
        return adam;
    }

    public EmpiricalNormalizer normalizer() {
        return normalizer;
    }

    public AmpReplayBuffer replayBuffer() {
        return replay;
    }

    public void restore(long iteration, float[] parameters) {
        Tensors.load(net.parameters(), parameters);
        this.iteration = iteration;
    }

    @Override
    public void close() {
        manager.close();
    }
}
