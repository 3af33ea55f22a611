package dev.ampj.actors.testenv;

import dev.ampj.common.CounterRandom;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small deterministic VecEnv for the pipeline tests: a 2-D point mass per env pushed by its
 * actions, with noise from (seed, "point-mass", env id, episode, step), a tracking task reward,
 * failures when it leaves the box and timeouts after {@link #MAX_STEPS}. Honours the VecEnv
 * contract (per-env results independent of the batch; exact snapshots).
 */
public final class PointMassEnv implements VecEnv {

    static final int MAX_STEPS = 10;
    static final VecEnvSpec SPEC = new VecEnvSpec("point-mass", "point-mass 1", 2,
            ObsGroupSpec.of("policy", List.of("pos", "vel", "cmd"), List.of(2, 2, 1)),
            ObsGroupSpec.of("critic", List.of("pos", "vel", "cmd", "phase"), List.of(2, 2, 1, 1)),
            ObsGroupSpec.of("amp", List.of("pos", "vel"), List.of(2, 2)),
            List.of("track"), 0.02, MAX_STEPS, "0".repeat(64));

    /** Steps (VecEnv.step calls) left before one of them throws; negative: never. Test-only failure injection. */
    public static final AtomicInteger STEPS_UNTIL_FAILURE = new AtomicInteger(-1);

    private final long seed;
    private final int[] ids;
    private final StepBuffers b;
    private final float[] pos;
    private final float[] vel;
    private final float[] cmd;
    private final long[] episode;
    private final int[] steps;

    public PointMassEnv(long seed, int[] globalEnvIds) {
        this.seed = seed;
        this.ids = globalEnvIds.clone();
        int n = ids.length;
        this.b = StepBuffers.of(SPEC, n);
        this.pos = new float[2 * n];
        this.vel = new float[2 * n];
        this.cmd = new float[n];
        this.episode = new long[n];
        this.steps = new int[n];
        for (int i = 0; i < n; i++) {
            startEpisode(i);
        }
        observe();
    }

    private void startEpisode(int i) {
        long key = CounterRandom.key(seed, "point-mass-reset", ids[i], episode[i]);
        pos[2 * i] = (float) (CounterRandom.uniform(key, 0) - 0.5);
        pos[2 * i + 1] = (float) (CounterRandom.uniform(key, 1) - 0.5);
        vel[2 * i] = 0;
        vel[2 * i + 1] = 0;
        cmd[i] = (float) CounterRandom.uniform(key, 2);
        steps[i] = 0;
    }

    private void observe() {
        for (int i = 0; i < ids.length; i++) {
            float[] p = {pos[2 * i], pos[2 * i + 1], vel[2 * i], vel[2 * i + 1], cmd[i], steps[i] / (float) MAX_STEPS};
            System.arraycopy(p, 0, b.policyObs, 5 * i, 5);
            System.arraycopy(p, 0, b.criticObs, 6 * i, 6);
            System.arraycopy(p, 0, b.ampObs, 4 * i, 4);
            b.episodeSteps[i] = steps[i];
        }
    }

    @Override
    public VecEnvSpec spec() {
        return SPEC;
    }

    @Override
    public int numEnvs() {
        return ids.length;
    }

    @Override
    public int envId(int slot) {
        return ids[slot];
    }

    @Override
    public StepBuffers buffers() {
        return b;
    }

    @Override
    public void step(float[] actions) {
        if (actions.length != 2 * ids.length) {
            throw new IllegalArgumentException("actions: expected " + 2 * ids.length + ", got " + actions.length);
        }
        if (STEPS_UNTIL_FAILURE.get() >= 0 && STEPS_UNTIL_FAILURE.getAndDecrement() == 0) {
            throw new IllegalStateException("injected failure of the point-mass env (test)");
        }
        for (int i = 0; i < ids.length; i++) {
            long key = CounterRandom.key(seed, "point-mass-step", ids[i], episode[i]);
            for (int d = 0; d < 2; d++) {
                float a = Math.max(-1f, Math.min(1f, actions[2 * i + d]));
                float noise = (float) (0.05 * CounterRandom.gaussian(key, 2L * steps[i] + d));
                vel[2 * i + d] = 0.8f * vel[2 * i + d] + 0.2f * a + noise;
                pos[2 * i + d] += 0.1f * vel[2 * i + d];
            }
            steps[i]++;
            float err = vel[2 * i] - cmd[i];
            b.rewards[i] = (float) Math.exp(-err * err / 0.25);
            b.rewardTerms[i] = b.rewards[i];
            boolean failed = Math.abs(pos[2 * i]) > 2f || Math.abs(pos[2 * i + 1]) > 2f;
            b.terminated[i] = failed;
            b.timedOut[i] = !failed && steps[i] >= MAX_STEPS;
            b.nanTerminated[i] = false;
            b.episodeIds[i] = episode[i];
            if (failed || b.timedOut[i]) {
                float[] amp = {pos[2 * i], pos[2 * i + 1], vel[2 * i], vel[2 * i + 1]};
                System.arraycopy(amp, 0, b.terminalAmpObs, 4 * i, 4);
                float[] critic = {pos[2 * i], pos[2 * i + 1], vel[2 * i], vel[2 * i + 1], cmd[i], steps[i] / (float) MAX_STEPS};
                System.arraycopy(critic, 0, b.terminalCriticObs, 6 * i, 6);
                episode[i]++;
                startEpisode(i);
            }
        }
        observe();
    }

    @Override
    public void reset(int[] globalEnvIds) {
        for (int id : globalEnvIds) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == id) {
                    episode[i]++;
                    startEpisode(i);
                }
            }
        }
        observe();
    }

    @Override
    public byte[] snapshot() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(ids.length);
            for (int i = 0; i < ids.length; i++) {
                out.writeInt(ids[i]);
                out.writeFloat(pos[2 * i]);
                out.writeFloat(pos[2 * i + 1]);
                out.writeFloat(vel[2 * i]);
                out.writeFloat(vel[2 * i + 1]);
                out.writeFloat(cmd[i]);
                out.writeLong(episode[i]);
                out.writeInt(steps[i]);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readInt() != ids.length) {
                throw new IllegalArgumentException("point-mass snapshot of another env count");
            }
            for (int i = 0; i < ids.length; i++) {
                if (in.readInt() != ids[i]) {
                    throw new IllegalArgumentException("point-mass snapshot of other env ids");
                }
                pos[2 * i] = in.readFloat();
                pos[2 * i + 1] = in.readFloat();
                vel[2 * i] = in.readFloat();
                vel[2 * i + 1] = in.readFloat();
                cmd[i] = in.readFloat();
                episode[i] = in.readLong();
                steps[i] = in.readInt();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        observe();
    }

    @Override
    public void close() {}
}
