package dev.ampj.learner.storage;

import dev.ampj.common.RandomStream;
import java.util.Arrays;

/**
 * Ring buffer of policy AMP pairs (s, s') the discriminator trains on (amp-rsl-rl's replay buffer):
 * inserts overwrite the oldest pair; samples are uniform over the filled part, drawn from a
 * counter-based stream. Storage grows with the content up to the capacity.
 */
public final class AmpReplayBuffer {

    private final int capacity;
    private final int dim;
    private float[] states = new float[0];
    private float[] nextStates = new float[0];
    private int size;
    private int cursor;

    public AmpReplayBuffer(int capacity, int dim) {
        this.capacity = capacity;
        this.dim = dim;
    }

    public void insert(float[] s, float[] sNext, int count) {
        int start = Math.max(0, count - capacity); // only the newest `capacity` pairs can survive
        ensure(Math.min(capacity, size + count - start));
        for (int i = start; i < count; i++) {
            System.arraycopy(s, i * dim, states, cursor * dim, dim);
            System.arraycopy(sNext, i * dim, nextStates, cursor * dim, dim);
            cursor = (cursor + 1) % capacity;
            size = Math.min(size + 1, capacity);
        }
    }

    /** {@code count} pairs sampled uniformly with replacement into {@code s}, {@code sNext}. */
    public void sample(RandomStream stream, int count, float[] s, float[] sNext) {
        if (size == 0) {
            throw new IllegalStateException("AMP replay buffer is empty");
        }
        for (int i = 0; i < count; i++) {
            int k = stream.nextInt(size);
            System.arraycopy(states, k * dim, s, i * dim, dim);
            System.arraycopy(nextStates, k * dim, sNext, i * dim, dim);
        }
    }

    private void ensure(int pairs) {
        if (states.length >= pairs * dim) {
            return;
        }
        int grown = (int) Math.min(capacity, Math.max(pairs, 2L * states.length / Math.max(1, dim)));
        states = Arrays.copyOf(states, grown * dim);
        nextStates = Arrays.copyOf(nextStates, grown * dim);
    }

    public int size() {
        return size;
    }

    public int cursor() {
        return cursor;
    }

    public int capacity() {
        return capacity;
    }

    public int dim() {
        return dim;
    }

    /** The filled part, in slot order: [size][dim]. */
    public float[] statesView() {
        return Arrays.copyOf(states, size * dim);
    }

    public float[] nextStatesView() {
        return Arrays.copyOf(nextStates, size * dim);
    }

    public void restore(int size, int cursor, float[] s, float[] sNext) {
        if (size < 0 || size > capacity || cursor < 0 || cursor >= Math.max(1, capacity)
                || s.length != size * dim || sNext.length != size * dim) {
            throw new IllegalArgumentException("AMP replay buffer state: size " + size + ", cursor " + cursor
                    + ", capacity " + capacity + ", " + s.length + " floats for dim " + dim);
        }
        this.states = s.clone();
        this.nextStates = sNext.clone();
        this.size = size;
        this.cursor = cursor;
    }
}
