package dev.ampj.sim.env;

/**
 * The preallocated, batch-major output arrays of a {@link VecEnv}, overwritten in place by every
 * {@code step}/{@code reset}; row {@code i} belongs to the env in batch slot {@code i}.
 *
 * <p>After a step, for an env whose episode ended ({@link #done(int)}):
 * <ul>
 *   <li>{@link #policyObs}, {@link #criticObs}, {@link #ampObs} already hold the first observation
 *       of the next episode (auto-reset);</li>
 *   <li>{@link #terminalAmpObs} holds the AMP state reached by the step (so the discriminator's
 *       (s, s′) pair is never (s, post-reset state)), and {@link #terminalCriticObs} the critic
 *       observation for bootstrapping a timeout;</li>
 *   <li>{@link #episodeIds} is the episode the step belonged to; the new episode is {@code episodeIds[i] + 1}.</li>
 * </ul>
 * Rows of the terminal arrays of envs that did not end are left as they were (stale).
 */
public final class StepBuffers {

    public final int numEnvs;
    public final int policyDim;
    public final int criticDim;
    public final int ampDim;
    public final int numRewardTerms;

    /** {@code numEnvs × policyDim}: observation for the next action. */
    public final float[] policyObs;
    /** {@code numEnvs × criticDim}. */
    public final float[] criticObs;
    /** {@code numEnvs × ampDim}: the AMP state after the step (post-reset for ended envs). */
    public final float[] ampObs;
    /** {@code numEnvs × ampDim}: AMP state the step reached, valid where {@link #done(int)}. */
    public final float[] terminalAmpObs;
    /** {@code numEnvs × criticDim}: critic observation the step reached, valid where {@link #done(int)}. */
    public final float[] terminalCriticObs;
    /** Weighted task reward of the step (sum of {@link #rewardTerms}). */
    public final float[] rewards;
    /** {@code numEnvs × numRewardTerms}: each weighted task reward term, for logging. */
    public final float[] rewardTerms;
    /** The episode ended by a failure (limits left, or a NaN state): do not bootstrap. */
    public final boolean[] terminated;
    /** The episode reached its length limit without failing: bootstrap from {@link #terminalCriticObs}. */
    public final boolean[] timedOut;
    /** Subset of {@link #terminated}: the engine produced a non-finite state; the env was reset. */
    public final boolean[] nanTerminated;
    /** Per-env episode counter of the step just taken (see class comment). */
    public final long[] episodeIds;
    /** Control steps taken in the current episode (0 right after a reset). */
    public final int[] episodeSteps;

    public StepBuffers(int numEnvs, int policyDim, int criticDim, int ampDim, int numRewardTerms) {
        this.numEnvs = numEnvs;
        this.policyDim = policyDim;
        this.criticDim = criticDim;
        this.ampDim = ampDim;
        this.numRewardTerms = numRewardTerms;
        policyObs = new float[numEnvs * policyDim];
        criticObs = new float[numEnvs * criticDim];
        ampObs = new float[numEnvs * ampDim];
        terminalAmpObs = new float[numEnvs * ampDim];
        terminalCriticObs = new float[numEnvs * criticDim];
        rewards = new float[numEnvs];
        rewardTerms = new float[numEnvs * numRewardTerms];
        terminated = new boolean[numEnvs];
        timedOut = new boolean[numEnvs];
        nanTerminated = new boolean[numEnvs];
        episodeIds = new long[numEnvs];
        episodeSteps = new int[numEnvs];
    }

    public static StepBuffers of(VecEnvSpec spec, int numEnvs) {
        return new StepBuffers(numEnvs, spec.policyDim(), spec.criticDim(), spec.ampDim(), spec.rewardTerms().size());
    }

    /** The env in slot {@code i} ended its episode on the last step. */
    public boolean done(int i) {
        return terminated[i] || timedOut[i];
    }
}
