package dev.ampj.learner.storage;

import static dev.ampj.learner.storage.RolloutColumn.*;

import dev.ampj.learner.LearnerDims;

/**
 * One iteration's experience: one array per row column of {@link RolloutColumn} (every column but
 * the per-shard blobs), batch-major: every per-step array is [horizon T][envs N][width], in (step,
 * env id) order; per-env arrays are [N][width]. Observations are raw (unnormalised), as the envs
 * produced them.
 *
 * <p>An episode ends at (t, e) when {@code dones} (termination) or {@code timeouts} (truncation) is
 * 1 there. A truncated step is bootstrapped with {@code timeoutValues[t, e]}, the value of the
 * terminal critic observation (the shard computes it with its policy copy, {@code PolicyInference.values});
 * it is ignored where {@code timeouts} is 0. {@code lastValues} [N] are the values of the critic
 * observations after the last step. {@code ampObs} / {@code ampNextObs} are the AMP pair (s, s') of
 * each step, s' being the terminal AMP state at an episode end.
 *
 * <p>The named accessors are shorthands for {@link #floats}/{@link #longs} of the columns the
 * learner reads.
 */
public final class Rollout {

    private final int horizon;
    private final int numEnvs;
    /** By {@link RolloutColumn#ordinal()}; null for per-shard columns. */
    private final Object[] arrays;

    private Rollout(int horizon, int numEnvs, Object[] arrays) {
        this.horizon = horizon;
        this.numEnvs = numEnvs;
        this.arrays = arrays;
    }

    /** A zeroed rollout of {@code horizon} steps of {@code numEnvs} envs, every row column at its declared width. */
    public static Rollout allocate(int horizon, int numEnvs, LearnerDims dims) {
        Object[] arrays = new Object[RolloutColumn.values().length];
        for (RolloutColumn c : ROWS) {
            arrays[c.ordinal()] = c.dtype().allocate(c.rows(horizon, numEnvs) * c.width(dims));
        }
        return new Rollout(horizon, numEnvs, arrays);
    }

    /**
     * This rollout with column {@code column}'s array replaced by {@code array} (the others shared):
     * for callers that build their columns themselves. The length is checked by {@link #validate}.
     */
    public Rollout with(RolloutColumn column, Object array) {
        if (column.extent() == Extent.PER_SHARD) {
            throw new IllegalArgumentException(column.wireName() + " is a per-shard blob, not a rollout column");
        }
        if (!column.dtype().holds(array)) {
            throw new IllegalArgumentException("rollout." + column.fieldName() + " holds " + column.dtype() + ", got "
                    + (array == null ? "null" : array.getClass().getSimpleName()));
        }
        Object[] copy = arrays.clone();
        copy[column.ordinal()] = array;
        return new Rollout(horizon, numEnvs, copy);
    }

    public int horizon() {
        return horizon;
    }

    public int numEnvs() {
        return numEnvs;
    }

    public int steps() {
        return horizon * numEnvs;
    }

    /** The array of a row column (float[], int[] or long[] as its dtype). */
    public Object array(RolloutColumn column) {
        Object a = arrays[column.ordinal()];
        if (a == null) {
            throw new IllegalArgumentException(column.wireName() + " is a per-shard blob, not a rollout column");
        }
        return a;
    }

    public float[] floats(RolloutColumn column) {
        return (float[]) typed(column, Dtype.FLOAT32);
    }

    public int[] ints(RolloutColumn column) {
        return (int[]) typed(column, Dtype.INT32);
    }

    public long[] longs(RolloutColumn column) {
        return (long[]) typed(column, Dtype.INT64);
    }

    private Object typed(RolloutColumn column, Dtype dtype) {
        if (column.dtype() != dtype) {
            throw new IllegalArgumentException("rollout." + column.fieldName() + " is " + column.dtype() + ", not " + dtype);
        }
        return array(column);
    }

    public float[] policyObs() {
        return floats(POLICY_OBS);
    }

    public float[] criticObs() {
        return floats(CRITIC_OBS);
    }

    public float[] actions() {
        return floats(ACTIONS);
    }

    public float[] logProbs() {
        return floats(LOG_PROBS);
    }

    public float[] values() {
        return floats(VALUES);
    }

    public float[] taskRewards() {
        return floats(TASK_REWARDS);
    }

    public float[] dones() {
        return floats(DONES);
    }

    public float[] timeouts() {
        return floats(TIMEOUTS);
    }

    public float[] timeoutValues() {
        return floats(TIMEOUT_VALUES);
    }

    public float[] lastValues() {
        return floats(LAST_VALUES);
    }

    public float[] ampObs() {
        return floats(AMP_OBS);
    }

    public float[] ampNextObs() {
        return floats(AMP_NEXT_OBS);
    }

    public float[] episodeLengths() {
        return floats(EPISODE_LENGTHS);
    }

    public long[] episodeIds() {
        return longs(EPISODE_IDS);
    }

    /**
     * Checks every column as {@link RolloutColumn#check()} declares, in declaration order; throws an
     * IllegalArgumentException naming the first array with a wrong length or a bad value.
     */
    public void validate(LearnerDims dims) {
        if (horizon <= 0 || numEnvs <= 0) {
            throw new IllegalArgumentException("rollout: empty batch (horizon " + horizon + ", envs " + numEnvs + ")");
        }
        for (RolloutColumn c : ROWS) {
            if (c.check() == Check.NONE) {
                continue;
            }
            String name = "rollout." + c.fieldName();
            float[] x = floats(c);
            int width = c.width(dims);
            length(name, x, c.rows(horizon, numEnvs), width);
            switch (c.check()) {
                case FINITE -> finite(name, x, width);
                case FLAG -> flags(name, x);
                case FINITE_WHERE_TIMEOUT -> finiteWhereTimeout(name, x, timeouts());
                case NONE -> { }
            }
        }
    }

    private void finite(String name, float[] x, int width) {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw nonFinite(name, x, i, width);
            }
        }
    }

    private void flags(String name, float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0f && x[i] != 1f) {
                throw new IllegalArgumentException(name + where(i, 1) + " = " + x[i] + ": expected 0 or 1");
            }
        }
    }

    /** Requires {@code timeouts} to precede the column in declaration order (it is checked first). */
    private void finiteWhereTimeout(String name, float[] x, float[] timeouts) {
        for (int i = 0; i < x.length; i++) {
            if (timeouts[i] != 0 && !Float.isFinite(x[i])) {
                throw nonFinite(name, x, i, 1);
            }
        }
    }

    private IllegalArgumentException nonFinite(String name, float[] x, int i, int width) {
        return new IllegalArgumentException(name + where(i, width) + " is " + x[i] + ": expected a finite value");
    }

    private String where(int i, int width) {
        int row = i / width;
        String at = "[t=" + row / numEnvs + ", env=" + row % numEnvs;
        return width == 1 ? at + "]" : at + ", col=" + i % width + "]";
    }

    private void length(String name, float[] x, int rows, int width) {
        long want = (long) rows * width;
        if (x == null || x.length != want) {
            throw new IllegalArgumentException(name + ": expected " + rows + " x " + width + " = " + want
                    + " floats, got " + (x == null ? "null" : x.length));
        }
    }
}
