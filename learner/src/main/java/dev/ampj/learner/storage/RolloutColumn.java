package dev.ampj.learner.storage;

import dev.ampj.learner.LearnerDims;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The columns of a rollout, declared once: name (also the name on the wire), element type, extent
 * and width per row. This list drives the shard's trajectory, the trajectory tensor batch (its
 * columns, dtypes and shapes), the learner-side rollout buffer and {@link Rollout} (its arrays and
 * its validation). Adding a column is one constant here plus the code that writes it (the shard's
 * rollout loop) and the code that reads it.
 *
 * <p>Order is the wire order and the order {@link Rollout#validate} checks in.
 */
public enum RolloutColumn {
    POLICY_OBS("policy_obs", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE, LearnerDims::policyObs),
    CRITIC_OBS("critic_obs", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE, LearnerDims::criticObs),
    ACTIONS("actions", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE, LearnerDims::actions),
    LOG_PROBS("log_probs", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE, d -> 1),
    VALUES("values", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE, d -> 1),
    TASK_REWARDS("task_rewards", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE, d -> 1),
    /** 1 where the episode terminated at this step. */
    DONES("dones", Dtype.FLOAT32, Extent.PER_STEP, Check.FLAG, d -> 1),
    /** 1 where the episode was truncated (time limit) at this step and did not terminate. */
    TIMEOUTS("timeouts", Dtype.FLOAT32, Extent.PER_STEP, Check.FLAG, d -> 1),
    /** Value of the terminal critic observation where {@link #TIMEOUTS} is 1, ignored elsewhere. */
    TIMEOUT_VALUES("timeout_values", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE_WHERE_TIMEOUT, d -> 1),
    /** Values of the critic observations after the last step. */
    LAST_VALUES("last_values", Dtype.FLOAT32, Extent.PER_ENV, Check.FINITE, d -> 1),
    AMP_OBS("amp_obs", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE, LearnerDims::ampObs),
    /** s' of the AMP pair: the terminal AMP state where an episode ended. */
    AMP_NEXT_OBS("amp_next_obs", Dtype.FLOAT32, Extent.PER_STEP, Check.FINITE, LearnerDims::ampObs),
    /** Length of the episode that ended at (t, e), 0 where none ended (telemetry). */
    EPISODE_LENGTHS("episode_lengths", Dtype.FLOAT32, Extent.PER_STEP, Check.NONE, d -> 1),
    /** Episode each (t, e) step belonged to (telemetry). */
    EPISODE_IDS("episode_ids", Dtype.INT64, Extent.PER_STEP, Check.NONE, d -> 1),
    /** VecEnv snapshot after the shard's last step: the shard's start state for the next iteration. */
    ENV_STATE("env_state", Dtype.BYTES, Extent.PER_SHARD, Check.NONE, d -> 1);

    /** Element type of a column. */
    public enum Dtype {
        FLOAT32, INT32, INT64, BYTES;

        /** A zeroed array of {@code length} elements of this type. */
        public Object allocate(int length) {
            return switch (this) {
                case FLOAT32 -> new float[length];
                case INT32 -> new int[length];
                case INT64 -> new long[length];
                case BYTES -> new byte[length];
            };
        }

        /** Whether {@code array} is an array of this type. */
        public boolean holds(Object array) {
            return switch (this) {
                case FLOAT32 -> array instanceof float[];
                case INT32 -> array instanceof int[];
                case INT64 -> array instanceof long[];
                case BYTES -> array instanceof byte[];
            };
        }
    }

    /** How many rows a column has. */
    public enum Extent {
        /** One row per (step, env): [T][N][width], in (step, env id) order. */
        PER_STEP,
        /** One row per env, after the last step: [N][width]. */
        PER_ENV,
        /** One variable-length byte blob per shard; not a row of {@link Rollout}. */
        PER_SHARD
    }

    /** What {@link Rollout#validate} checks of a (float32) column. */
    public enum Check {
        /** Every value finite. */
        FINITE,
        /** Every value 0 or 1. */
        FLAG,
        /** Finite where {@link #TIMEOUTS} is 1. */
        FINITE_WHERE_TIMEOUT,
        /** Not checked (telemetry, snapshots). */
        NONE
    }

    /** The columns that are rows of a {@link Rollout} (every extent but {@link Extent#PER_SHARD}). */
    public static final List<RolloutColumn> ROWS = List.of(values()).stream().filter(c -> c.extent != Extent.PER_SHARD).toList();
    /** The per-shard blob columns. */
    public static final List<RolloutColumn> BLOBS = List.of(values()).stream().filter(c -> c.extent == Extent.PER_SHARD).toList();

    private final String wireName;
    private final String fieldName;
    private final Dtype dtype;
    private final Extent extent;
    private final Check check;
    private final ToIntFunction<LearnerDims> width;

    RolloutColumn(String wireName, Dtype dtype, Extent extent, Check check, ToIntFunction<LearnerDims> width) {
        if (extent == Extent.PER_SHARD && dtype != Dtype.BYTES) {
            throw new IllegalArgumentException("per-shard column " + wireName + " must be bytes");
        }
        if (check != Check.NONE && dtype != Dtype.FLOAT32) {
            throw new IllegalArgumentException("column " + wireName + ": value checks apply to float32 columns only");
        }
        this.wireName = wireName;
        this.fieldName = camelCase(wireName);
        this.dtype = dtype;
        this.extent = extent;
        this.check = check;
        this.width = width;
    }

    /** Name of the column in the tensor batch (snake_case). */
    public String wireName() {
        return wireName;
    }

    /** Name of the column in error messages and accessors (camelCase): {@code rollout.policyObs}. */
    public String fieldName() {
        return fieldName;
    }

    public Dtype dtype() {
        return dtype;
    }

    public Extent extent() {
        return extent;
    }

    public Check check() {
        return check;
    }

    /** Elements per row (1 for scalars and for per-shard blobs). */
    public int width(LearnerDims dims) {
        return width.applyAsInt(dims);
    }

    /** Rows of this column in a rollout of {@code horizon} steps of {@code numEnvs} envs. */
    public int rows(int horizon, int numEnvs) {
        return switch (extent) {
            case PER_STEP -> horizon * numEnvs;
            case PER_ENV -> numEnvs;
            case PER_SHARD -> throw new IllegalStateException(wireName + " is a per-shard blob, not rows of a rollout");
        };
    }

    private static String camelCase(String snake) {
        StringBuilder b = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
