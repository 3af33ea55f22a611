package dev.ampj.actors.wire;

import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.storage.Rollout;

/**
 * The assembled rollout of one iteration, owned by the learner side and shared by reference among
 * the learner-side actors of one JVM (TrajectoryBuffer writes it, DiscriminatorTrainer adds style
 * rewards, PpoLearner and TelemetryWriter read it); messages name it by iteration id only, through
 * {@link RolloutBuffers}. Arrays are [T][N][width] in (step, env id) order, as {@link Rollout}.
 *
 * <p>Happens-before: each writer finishes before it sends the actor message that lets the next
 * reader start, and actor message passing publishes the writes.
 */
public final class RolloutBuffer {

    private final long iteration;
    private final Rollout rollout;
    private final float[] episodeLengths;
    private final long[] episodeIds;
    private final byte[][] envStates;
    private float[] styleRewards;
    private float[] discriminatorScores;
    private float[] combinedRewards;

    public RolloutBuffer(long iteration, int horizon, int numEnvs, int shards, LearnerDims dims) {
        this.iteration = iteration;
        int rows = horizon * numEnvs;
        this.rollout = new Rollout(horizon, numEnvs,
                new float[rows * dims.policyObs()], new float[rows * dims.criticObs()], new float[rows * dims.actions()],
                new float[rows], new float[rows], new float[rows], new float[rows], new float[rows], new float[rows],
                new float[numEnvs], new float[rows * dims.ampObs()], new float[rows * dims.ampObs()]);
        this.episodeLengths = new float[rows];
        this.episodeIds = new long[rows];
        this.envStates = new byte[shards][];
    }

    public long iteration() {
        return iteration;
    }

    public Rollout rollout() {
        return rollout;
    }

    public int horizon() {
        return rollout.horizon();
    }

    public int numEnvs() {
        return rollout.numEnvs();
    }

    /** The array behind a trajectory column name of {@link TrajectoryBatch}. */
    float[] column(String name) {
        return switch (name) {
            case "policy_obs" -> rollout.policyObs();
            case "critic_obs" -> rollout.criticObs();
            case "actions" -> rollout.actions();
            case "log_probs" -> rollout.logProbs();
            case "values" -> rollout.values();
            case "task_rewards" -> rollout.taskRewards();
            case "dones" -> rollout.dones();
            case "timeouts" -> rollout.timeouts();
            case "timeout_values" -> rollout.timeoutValues();
            case "last_values" -> rollout.lastValues();
            case "amp_obs" -> rollout.ampObs();
            case "amp_next_obs" -> rollout.ampNextObs();
            case "episode_lengths" -> episodeLengths;
            default -> throw new IllegalArgumentException("unknown trajectory column " + name);
        };
    }

    public float[] episodeLengths() {
        return episodeLengths;
    }

    public long[] episodeIds() {
        return episodeIds;
    }

    /** End-of-iteration VecEnv snapshot of shard {@code shard}. */
    public byte[] envState(int shard) {
        return envStates[shard];
    }

    public void setEnvState(int shard, byte[] envState) {
        envStates[shard] = envState;
    }

    public int shards() {
        return envStates.length;
    }

    public float[] styleRewards() {
        return styleRewards;
    }

    public void setStyleRewards(float[] rewards) {
        this.styleRewards = rewards;
    }

    /** Raw discriminator outputs D_k(s, s') the style rewards were computed from (for probes). */
    public float[] discriminatorScores() {
        return discriminatorScores;
    }

    public void setDiscriminatorScores(float[] logits) {
        this.discriminatorScores = logits;
    }

    public float[] combinedRewards() {
        return combinedRewards;
    }

    public void setCombinedRewards(float[] rewards) {
        this.combinedRewards = rewards;
    }
}
