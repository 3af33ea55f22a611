package dev.ampj.sim.env;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Header of a VecEnv snapshot: format version, physics engine name and version, robot, settings
 * digest, seed and env ids. A snapshot only restores into a VecEnv whose header matches exactly
 * (other engine versions give other trajectories, other settings other dynamics).
 */
record SnapshotHeader(int format, String engine, String engineVersion, String robot, String settingsDigest,
        long seed, int[] envIds, int stateBytesPerEnv) {

    static final int MAGIC = 0x414D5056; // "AMPV"
    /**
     * 2: each env block also holds the last substep's ground contacts and the last step's readouts,
     * so a restore reproduces the observation rows exactly (format 1 lacked the contacts: a restored
     * ostrich showed no foot contact until its next step).
     */
    static final int FORMAT = 2;

    void write(ByteBuffer out) {
        out.putInt(MAGIC);
        out.putInt(format);
        putString(out, engine);
        putString(out, engineVersion);
        putString(out, robot);
        putString(out, settingsDigest);
        out.putLong(seed);
        out.putInt(envIds.length);
        for (int id : envIds) {
            out.putInt(id);
        }
        out.putInt(stateBytesPerEnv);
    }

    int bytes() {
        return 4 + 4 + strBytes(engine) + strBytes(engineVersion) + strBytes(robot) + strBytes(settingsDigest) + 8 + 4
                + 4 * envIds.length + 4;
    }

    static SnapshotHeader read(ByteBuffer in) {
        try {
            int magic = in.getInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException("not a VecEnv snapshot (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int format = in.getInt();
            if (format < FORMAT && format > 0) {
                throw new IllegalArgumentException("VecEnv snapshot format " + format + " is older than format "
                        + FORMAT + ", the only one this build restores (format " + format
                        + " lacks the per-env state the observations need, e.g. ground contacts); re-create the snapshot");
            }
            if (format != FORMAT) {
                throw new IllegalArgumentException("VecEnv snapshot format " + format + " is not supported (this build"
                        + " restores format " + FORMAT + ")");
            }
            String engine = getString(in);
            String version = getString(in);
            String robot = getString(in);
            String digest = getString(in);
            long seed = in.getLong();
            int n = in.getInt();
            if (n < 0 || n > in.remaining() / 4) {
                throw new IllegalArgumentException("VecEnv snapshot is corrupt: " + n + " env ids");
            }
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.getInt();
            }
            return new SnapshotHeader(format, engine, version, robot, digest, seed, ids, in.getInt());
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("VecEnv snapshot is truncated", e);
        }
    }

    /** Fails with the first difference between this (the snapshot's) header and {@code expected} (the env's). */
    void requireMatches(SnapshotHeader expected) {
        if (!engine.equals(expected.engine) || !engineVersion.equals(expected.engineVersion)) {
            throw new IllegalArgumentException("snapshot was taken with physics engine " + engine + " " + engineVersion
                    + " but this env runs " + expected.engine + " " + expected.engineVersion
                    + "; trajectories differ between engine versions, refusing to restore");
        }
        if (!robot.equals(expected.robot)) {
            throw new IllegalArgumentException("snapshot is of robot " + robot + ", this env simulates " + expected.robot);
        }
        if (!settingsDigest.equals(expected.settingsDigest)) {
            throw new IllegalArgumentException("snapshot was taken with other amp.sim settings (digest " + settingsDigest
                    + ", this env " + expected.settingsDigest + ")");
        }
        if (seed != expected.seed) {
            throw new IllegalArgumentException("snapshot was taken with seed " + seed + ", this env has seed " + expected.seed);
        }
        if (!Arrays.equals(envIds, expected.envIds)) {
            throw new IllegalArgumentException("snapshot holds env ids " + summary(envIds) + ", this env holds "
                    + summary(expected.envIds));
        }
        if (stateBytesPerEnv != expected.stateBytesPerEnv) {
            throw new IllegalArgumentException("snapshot has " + stateBytesPerEnv + " state bytes per env, expected "
                    + expected.stateBytesPerEnv);
        }
    }

    private static String summary(int[] ids) {
        return ids.length <= 8 ? Arrays.toString(ids)
                : "[" + ids[0] + ", " + ids[1] + ", ..., " + ids[ids.length - 1] + "] (" + ids.length + " ids)";
    }

    private static int strBytes(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.putInt(b.length);
        out.put(b);
    }

    private static String getString(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("VecEnv snapshot is corrupt: string of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
