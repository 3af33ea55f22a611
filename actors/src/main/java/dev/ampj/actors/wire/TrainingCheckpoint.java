package dev.ampj.actors.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The complete state of a run after iteration {@code iteration}: enough to continue bit-exactly.
 * Stored as a content-addressed CheckpointStore blob referenced by {@code CheckpointWritten}.
 *
 * <p>Random-stream positions: action noise is keyed by (seed, env id, global step), so
 * {@code nextStep} is its position; env streams are keyed by (seed, purpose, env id, episode) and the
 * episode counters are inside the env snapshots; the learner's streams are keyed by its iteration
 * counters inside the learner state; the expert sampler's position is {@code expertPosition}.
 *
 * @param iteration      last iteration whose updates are included (0: the initial state)
 * @param envSteps       env steps taken by the run so far
 * @param nextStep       global control step the next iteration starts at
 * @param expertPosition draws consumed by the expert motion sampler
 * @param numEnvs        envs of the run
 * @param envStates      one VecEnv snapshot per shard, in shard order ({@link ShardState})
 * @param learnerState   the learner's exact state (LearnerState bytes)
 */
public record TrainingCheckpoint(
        long iteration,
        long envSteps,
        long nextStep,
        long expertPosition,
        int numEnvs,
        byte[][] envStates,
        byte[] learnerState) {

    static final int MAGIC = 0x414D5043; // "AMPC"
    /**
     * 2: env states are bare VecEnv snapshots of format 2 (which hold the ostrich's foot contacts);
     * version 1 wrapped format-1 snapshots with a copy of the observation rows.
     */
    public static final int VERSION = 2;

    public int shards() {
        return envStates.length;
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(iteration);
            out.writeLong(envSteps);
            out.writeLong(nextStep);
            out.writeLong(expertPosition);
            out.writeInt(numEnvs);
            out.writeInt(envStates.length);
            for (byte[] s : envStates) {
                out.writeInt(s.length);
                out.write(s);
            }
            out.writeInt(learnerState.length);
            out.write(learnerState);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a blob; what is not a training checkpoint of {@link #VERSION} is refused with the reason. */
    public static TrainingCheckpoint decode(byte[] blob, String what) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(what + " is not a training checkpoint (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(what + " has checkpoint version " + version + "; this build reads "
                        + "checkpoint version " + VERSION + " only" + (version < VERSION
                                ? " (version " + version + " holds env snapshots of an older VecEnv format)" : ""));
            }
            long iteration = in.readLong();
            long envSteps = in.readLong();
            long nextStep = in.readLong();
            long expert = in.readLong();
            int numEnvs = in.readInt();
            int shards = in.readInt();
            if (shards <= 0 || shards > numEnvs) {
                throw new IllegalArgumentException(what + ": " + shards + " shards for " + numEnvs + " envs");
            }
            byte[][] states = new byte[shards][];
            for (int i = 0; i < shards; i++) {
                states[i] = bytes(in, what);
            }
            byte[] learner = bytes(in, what);
            if (in.read() != -1) {
                throw new IllegalArgumentException(what + " has trailing bytes");
            }
            return new TrainingCheckpoint(iteration, envSteps, nextStep, expert, numEnvs, states, learner);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is truncated: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException(what + ": a section claims " + n + " bytes, " + in.available() + " remain");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
