package dev.ampj.learner;

import dev.ampj.learner.algo.DiscriminatorStats;
import dev.ampj.learner.algo.DiscriminatorTrainer;
import dev.ampj.learner.algo.PpoLearner;
import dev.ampj.learner.algo.PpoStats;
import dev.ampj.learner.algo.StyleRewardStats;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.learner.state.LearnerState;
import dev.ampj.learner.storage.Rollout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learner: a {@link PpoLearner} (policy and critic) and a {@link DiscriminatorTrainer} (AMP
 * discriminator, replay buffer, AMP normaliser), with exact state and digests. The two parts own
 * separate native memory and optimisers, so one iteration's discriminator update and PPO update may
 * run concurrently on two threads; {@link #iterate} runs them one after the other.
 *
 * <p>One iteration: {@code style = discriminator().styleRewards(rollout AMP pairs)} with D_k, then
 * {@code discriminator().update(...)} (-> D_k+1) and {@code ppo().update(rollout, style)} (-> θ_k+1).
 */
public final class AmpLearner implements AutoCloseable {

    private final LearnerSettings settings;
    private final LearnerDims dims;
    private final long seed;
    private final PpoLearner ppo;
    private final DiscriminatorTrainer discriminator;

    private AmpLearner(LearnerSettings settings, LearnerDims dims, long seed) {
        this.settings = settings;
        this.dims = dims;
        this.seed = seed;
        this.ppo = new PpoLearner(settings, dims, seed);
        try {
            this.discriminator = new DiscriminatorTrainer(settings, dims, seed);
        } catch (RuntimeException e) {
            ppo.close();
            throw e;
        }
    }

    /** A new learner with parameters initialised from (seed, "init", network). */
    public static AmpLearner create(LearnerSettings settings, LearnerDims dims, long seed) {
        return new AmpLearner(settings, dims, seed);
    }

    /** A learner continuing exactly from {@code state} (see {@link LearnerState}). */
    public static AmpLearner restore(LearnerSettings settings, byte[] state) {
        LearnerState.Header h = LearnerState.header(state);
        AmpLearner learner = new AmpLearner(settings, h.dims(), h.seed());
        try {
            LearnerState.decodeInto(state, learner);
        } catch (RuntimeException e) {
            learner.close();
            throw e;
        }
        return learner;
    }

    /** Results of one iteration. */
    public record IterationResult(StyleRewardStats style, DiscriminatorStats discriminator, PpoStats ppo) {

        /** All diagnostics in a stable order: style reward, discriminator, PPO. */
        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("style_reward_mean", style.mean());
            m.put("style_reward_std", style.std());
            m.putAll(discriminator.asMap());
            m.putAll(ppo.asMap());
            return m;
        }
    }

    /** Style rewards with D_k, then the discriminator update and the PPO update, sequentially. */
    public IterationResult iterate(Rollout rollout, float[] expertObs, float[] expertNextObs, int expertPairs) {
        rollout.validate(dims);
        StyleRewardStats style = discriminator.styleRewards(rollout.ampObs(), rollout.ampNextObs(), rollout.steps());
        DiscriminatorStats d = discriminator.update(rollout.ampObs(), rollout.ampNextObs(), rollout.steps(), expertObs,
                expertNextObs, expertPairs);
        PpoStats p = ppo.update(rollout, style.rewards());
        return new IterationResult(style, d, p);
    }

    public PpoLearner ppo() {
        return ppo;
    }

    public DiscriminatorTrainer discriminator() {
        return discriminator;
    }

    /** The flat policy snapshot shards build their {@link PolicyInference} from. */
    public float[] policySnapshot() {
        return ppo.policySnapshot();
    }

    /** A rollout-side inference object for the current policy (as a shard would build it). */
    public PolicyInference newInference() {
        return PolicyInference.create(settings, dims, seed, ppo.policySnapshot());
    }

    public byte[] saveState() {
        return LearnerState.encode(this);
    }

    public String policyDigest() {
        return ppo.digest();
    }

    public String discriminatorDigest() {
        return discriminator.digest();
    }

    public LearnerDims dims() {
        return dims;
    }

    public long seed() {
        return seed;
    }

    public LearnerSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        ppo.close();
        discriminator.close();
    }
}
