package dev.ampj.sim.env;

/**
 * A batch of independent envs over a fixed block of global env ids: the simulator shard's engine.
 *
 * <p>Determinism contract: an env's trajectory is a function of (settings, seed, global env id,
 * actions) only. All randomness (initial state, command, reference-state sampling) is drawn from
 * {@link dev.ampj.common.CounterRandom} streams keyed by (seed, purpose, global env id, episode),
 * so an env behaves bit-identically alone, in any batch, in any shard and on any thread count.
 *
 * <p>Step path: {@link #step(float[])} reads {@code numEnvs × actionDim} floats (batch-major) and
 * overwrites the preallocated {@link #buffers()}; envs that end are reset automatically (see
 * {@link StepBuffers}). Not thread-safe: one caller drives a VecEnv.
 */
public interface VecEnv extends AutoCloseable {

    VecEnvSpec spec();

    /** Envs in the batch. */
    int numEnvs();

    /** Global env id of batch slot {@code slot}. */
    int envId(int slot);

    /** The output arrays, overwritten by every step/reset. */
    StepBuffers buffers();

    /**
     * Steps every env by one control step with {@code actions} ({@code numEnvs × actionDim}).
     * Rejects a wrong width or a non-finite action with an {@link IllegalArgumentException} before
     * touching any env (state unchanged).
     */
    void step(float[] actions);

    /**
     * Ends the current episode of the given global env ids and starts the next one (episode
     * counter + 1); refreshes their rows of the observation buffers. Unknown ids fail before any
     * env is touched.
     */
    void reset(int[] globalEnvIds);

    /**
     * Exact state of every env of the batch, tagged with format, engine name and version, robot and
     * settings digest: everything future observations, rewards and dynamics depend on, including
     * state the engine only derives during a step (e.g. the last substep's ground contacts).
     */
    byte[] snapshot();

    /**
     * Restores a {@link #snapshot()} taken from a VecEnv with the same robot, settings, engine
     * version and env ids, and rewrites the observation rows ({@link StepBuffers#policyObs},
     * {@code criticObs}, {@code ampObs}, {@code episodeSteps}) bit-exactly as the snapshotted env
     * had them, and {@code episodeIds} with the current episode (as after a reset); the step
     * outputs (rewards, done flags, terminal rows) are not state and are left as they are. Anything else is refused with an
     * {@link IllegalArgumentException} naming the mismatch (an older snapshot format included); the
     * env is then left unchanged.
     */
    void restore(byte[] snapshot);

    @Override
    void close();
}
