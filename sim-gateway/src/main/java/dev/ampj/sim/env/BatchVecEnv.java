package dev.ampj.sim.env;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link VecEnv} over independent {@link BatchMember}s, stepped over a fixed partition of its
 * slots across {@code threads} threads (idle threads take chunks left in others' partitions; see
 * {@link PartitionedRunner}). Validates actions before touching any env, snapshots and restores the
 * exact state of the whole block.
 */
public final class BatchVecEnv implements VecEnv {

    private final VecEnvSpec spec;
    private final BatchMember[] members;
    private final int[] envIds;
    private final Map<Integer, Integer> slotOf = new HashMap<>();
    private final StepBuffers buffers;
    private final PartitionedRunner runner;
    private final SnapshotHeader header;
    private final int actionDim;
    private final PartitionedRunner.RangeJob stepJob;
    private float[] actions;

    /**
     * @param engine        physics engine name (e.g. "ode4j")
     * @param engineVersion its version (e.g. "0.5.3")
     * @param seed          run seed the members draw their randomness from (recorded in snapshots)
     */
    public BatchVecEnv(VecEnvSpec spec, BatchMember[] members, int threads, String engine, String engineVersion,
            long seed) {
        this.spec = spec;
        this.members = members.clone();
        this.envIds = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            envIds[i] = members[i].envId();
            slotOf.put(envIds[i], i);
        }
        EnvIds.checked(envIds);
        this.actionDim = spec.actionDim();
        this.buffers = StepBuffers.of(spec, members.length);
        this.runner = new PartitionedRunner(members.length, threads, "vecenv-" + spec.robot());
        this.header = new SnapshotHeader(SnapshotHeader.FORMAT, engine, engineVersion, spec.robot(),
                spec.settingsDigest(), seed, envIds, members.length == 0 ? 0 : members[0].stateBytes());
        this.stepJob = (from, to) -> {
            float[] a = actions;
            for (int i = from; i < to; i++) {
                this.members[i].step(a, i * actionDim, buffers, i);
            }
        };
        for (int i = 0; i < members.length; i++) {
            members[i].observe(buffers, i);
        }
    }

    @Override
    public VecEnvSpec spec() {
        return spec;
    }

    @Override
    public int numEnvs() {
        return members.length;
    }

    @Override
    public int envId(int slot) {
        return envIds[slot];
    }

    /** Stepping threads actually used. */
    public int threads() {
        return runner.threads();
    }

    @Override
    public StepBuffers buffers() {
        return buffers;
    }

    @Override
    public void step(float[] actions) {
        int expected = members.length * actionDim;
        if (actions == null || actions.length != expected) {
            throw new IllegalArgumentException("actions: expected " + expected + " floats (" + members.length
                    + " envs x " + actionDim + "), got " + (actions == null ? "null" : actions.length));
        }
        for (int i = 0; i < expected; i++) {
            if (!Float.isFinite(actions[i])) {
                throw new IllegalArgumentException("actions: non-finite value " + actions[i] + " for env "
                        + envIds[i / actionDim] + " (slot " + i / actionDim + "), component " + i % actionDim
                        + "; no env was stepped");
            }
        }
        this.actions = actions;
        try {
            runner.run(stepJob);
        } finally {
            this.actions = null;
        }
    }

    @Override
    public void reset(int[] globalEnvIds) {
        int[] slots = new int[globalEnvIds.length];
        for (int k = 0; k < globalEnvIds.length; k++) {
            Integer s = slotOf.get(globalEnvIds[k]);
            if (s == null) {
                throw new IllegalArgumentException("env id " + globalEnvIds[k] + " is not in this VecEnv (ids "
                        + envIds[0] + ".." + envIds[envIds.length - 1] + ", " + envIds.length + " envs); nothing was reset");
            }
            slots[k] = s;
        }
        for (int s : slots) {
            members[s].reset(buffers, s);
        }
    }

    @Override
    public byte[] snapshot() {
        int per = header.stateBytesPerEnv();
        ByteBuffer out = ByteBuffer.allocate(header.bytes() + per * members.length).order(ByteOrder.LITTLE_ENDIAN);
        header.write(out);
        for (BatchMember m : members) {
            int before = out.position();
            m.writeState(out);
            if (out.position() - before != per) {
                throw new IllegalStateException("env " + m.envId() + " wrote " + (out.position() - before)
                        + " state bytes, expected " + per);
            }
        }
        return out.array();
    }

    @Override
    public void restore(byte[] snapshot) {
        ByteBuffer in = ByteBuffer.wrap(snapshot).order(ByteOrder.LITTLE_ENDIAN);
        SnapshotHeader h = SnapshotHeader.read(in);
        h.requireMatches(header);
        int per = header.stateBytesPerEnv();
        if (in.remaining() != per * members.length) {
            throw new IllegalArgumentException("VecEnv snapshot: expected " + per * members.length
                    + " state bytes after the header, got " + in.remaining());
        }
        int start = in.position();
        for (BatchMember m : members) {
            m.checkState(in.slice(in.position(), per).order(ByteOrder.LITTLE_ENDIAN));
            in.position(in.position() + per);
        }
        in.position(start);
        for (int i = 0; i < members.length; i++) {
            members[i].readState(in.slice(in.position(), per).order(ByteOrder.LITTLE_ENDIAN));
            in.position(in.position() + per);
            members[i].observe(buffers, i);
        }
    }

    /** The member in {@code slot} (tests and tools). */
    public BatchMember member(int slot) {
        return members[slot];
    }

    @Override
    public void close() {
        runner.close();
        for (BatchMember m : members) {
            m.close();
        }
    }
}
