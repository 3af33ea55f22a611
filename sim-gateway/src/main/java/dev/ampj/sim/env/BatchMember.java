package dev.ampj.sim.env;

import java.nio.ByteBuffer;

/**
 * One env of a {@link BatchVecEnv}: it steps itself and writes its own row of the step buffers, so
 * a batch can hand disjoint slots to different threads. Its state is exactly what
 * {@link #writeState} writes.
 */
public interface BatchMember extends AutoCloseable {

    /** Global env id. */
    int envId();

    /**
     * One control step with the (already validated, finite) actions at {@code actions[offset..]};
     * writes row {@code slot} of every buffer, resetting the env into its next episode if it ended.
     */
    void step(float[] actions, int offset, StepBuffers out, int slot);

    /** Ends the current episode and starts the next; writes the observation rows of {@code slot}. */
    void reset(StepBuffers out, int slot);

    /** Writes the observation rows of {@code slot} from the current state (after a restore). */
    void observe(StepBuffers out, int slot);

    /** Bytes {@link #writeState} writes. */
    int stateBytes();

    void writeState(ByteBuffer out);

    /** Checks a {@link #writeState} block without applying it; throws {@link IllegalArgumentException} if it is unusable. */
    void checkState(ByteBuffer in);

    /** Applies a block that passed {@link #checkState}. */
    void readState(ByteBuffer in);

    @Override
    void close();
}
