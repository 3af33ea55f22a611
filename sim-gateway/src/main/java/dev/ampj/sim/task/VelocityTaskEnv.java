package dev.ampj.sim.task;

import dev.ampj.sim.env.BatchMember;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.terms.KinematicFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * One ostrich on the velocity-tracking task, composed as Isaac Lab's manager-based envs: PD joint
 * targets from actions, the task reward ({@link RewardManager}), terminations and timeouts
 * ({@link TaskTerminations}), auto-reset into the next episode ({@link EpisodeReset}), domain
 * randomization (friction and link masses per episode, pushes), and the policy and critic
 * observations written term by term ({@link ObsFrameWriter}), processed (noise, clip, scale) and
 * stacked ({@link ObsHistory}).
 * All randomness is drawn from streams keyed by (seed, purpose, global env id, episode) and counted
 * by step, so the env's trajectory never depends on where or with whom it runs.
 */
public final class VelocityTaskEnv implements BatchMember {

    private final int envId;
    private final long seed;
    private final SimSettings s;
    private final TaskObservations obs;
    private final RewardManager rewards;
    private final TaskTerminations terminations;
    private final EpisodeReset resets;
    private final OstrichRobot robot;
    private final KinematicFrame frame = new KinematicFrame(OstrichLayout.LAYOUT);
    private final TaskContext ctx;
    private final int maxSteps;
    private final double[] targets = new double[6];
    private final double[] raw;
    private final int[] contactCounts = new int[OstrichRobot.GEOMS];
    private final double[] readouts = new double[OstrichRobot.READOUT_DOUBLES];
    /** (global env id, episode): the ids of this episode's random streams, reused so resets do not allocate. */
    private final long[] streamIds = new long[2];
    private final double[] massScale = new double[OstrichRobot.GEOMS];
    private final EnvSnapshot snapshot;
    private final ByteBuffer hashBuffer;
    private final DomainRandomization randomization;
    private final PushSchedule pushes;
    /** The clean critic frame (its first {@code policy frame} floats are the clean policy frame). */
    private final float[] clean;
    private final float[] policyFrame;
    private final float[] criticFrame;
    private final ObsHistory policyHistory;
    private final ObsHistory criticHistory;
    private final AmpFrames ampFrames;
    /** A reference start's states before it, for the AMP history (none when it holds one frame). */
    private final KinematicFrame[] ampBefore;
    private long policyNoiseKey;
    private long criticNoiseKey;

    private long episode;
    private int episodeStep;

    VelocityTaskEnv(int envId, long seed, SimSettings settings, TaskObservations obs, RewardManager rewards,
            DomainRandomization randomization, ReferenceStateSampler sampler) {
        this.envId = envId;
        this.seed = seed;
        this.s = settings;
        this.obs = obs;
        this.rewards = rewards;
        this.terminations = new TaskTerminations(settings);
        this.resets = new EpisodeReset(seed, settings, sampler);
        this.robot = OstrichRobot.create(settings);
        this.ctx = new TaskContext(frame, robot);
        this.raw = new double[robot.stateDoubles()];
        this.randomization = randomization;
        this.pushes = new PushSchedule(randomization);
        this.clean = new float[obs.criticProcessing.frameDim()];
        this.policyFrame = new float[obs.policyProcessing.frameDim()];
        this.criticFrame = new float[clean.length];
        this.policyHistory = new ObsHistory(obs.policy);
        this.criticHistory = new ObsHistory(obs.critic);
        this.ampFrames = new AmpFrames(obs.amp, obs.window.history());
        this.ampBefore = new KinematicFrame[obs.window.history() - 1];
        for (int i = 0; i < ampBefore.length; i++) {
            ampBefore[i] = new KinematicFrame(OstrichLayout.LAYOUT);
        }
        this.maxSteps = terminations.maxSteps();
        this.snapshot = snapshotLayout();
        this.hashBuffer = ByteBuffer.allocate(snapshot.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        startEpisode(0);
    }

    @Override
    public int envId() {
        return envId;
    }

    /** Current episode counter. */
    public long episode() {
        return episode;
    }

    /** Commanded forward speed of the current episode (m/s). */
    public double command() {
        return ctx.command;
    }

    /** The robot (tests and tools). */
    public OstrichRobot robot() {
        return robot;
    }

    /** The kinematic frame of the current state (read-only use). */
    public KinematicFrame frame() {
        return frame;
    }

    @Override
    public void step(float[] actions, int offset, StepBuffers out, int slot) {
        double clip = s.actionClip();
        double scale = s.actionScale();
        for (int j = 0; j < 6; j++) {
            double a = actions[offset + j];
            a = a > clip ? clip : (a < -clip ? -clip : a);
            ctx.action[j] = a;
            targets[j] = OstrichLayout.DEFAULT_JOINT_POS[j] + scale * a;
        }
        robot.step(targets, s.decimation(), s.dt());
        robot.readFrame(frame);
        episodeStep++;
        long stepEpisode = episode;
        int nt = rewards.size();
        if (terminations.diverged(frame)) {
            // The (s, s') pair of a diverged step is (s, s): the reached state is unusable.
            System.arraycopy(out.ampObs, slot * out.ampDim, out.terminalAmpObs, slot * out.ampDim, out.ampDim);
            System.arraycopy(out.criticObs, slot * out.criticDim, out.terminalCriticObs, slot * out.criticDim,
                    out.criticDim);
            out.rewards[slot] = 0;
            Arrays.fill(out.rewardTerms, slot * nt, slot * nt + nt, 0f);
            out.terminated[slot] = true;
            out.nanTerminated[slot] = true;
            out.timedOut[slot] = false;
            startEpisode(episode + 1);
            observe(out, slot);
            out.episodeIds[slot] = stepEpisode;
            return;
        }
        boolean failed = terminations.failed(frame);
        ctx.failed = failed;
        out.rewards[slot] = rewards.compute(ctx, out.rewardTerms, slot * nt);
        for (int j = 0; j < 6; j++) {
            ctx.lastAction[j] = (float) ctx.action[j];
        }
        boolean timeout = terminations.timedOut(failed, episodeStep);
        out.terminated[slot] = failed;
        out.timedOut[slot] = timeout;
        out.nanTerminated[slot] = false;
        if (failed || timeout) {
            ampFrames.push(frame);
            obs.window.writeEnv(ampFrames.frames(), ctx.command, out.terminalAmpObs, slot * out.ampDim);
            obs.cleanFrame.write(ctx, clean);
            obs.criticProcessing.process(clean, 0, criticNoiseKey, episodeStep, criticFrame);
            criticHistory.push(criticFrame);
            criticHistory.write(out.terminalCriticObs, slot * out.criticDim);
            startEpisode(episode + 1);
        } else {
            if (pushes.due(episodeStep)) {
                push();
            }
            observeClean();
            policyHistory.push(policyFrame);
            criticHistory.push(criticFrame);
            ampFrames.push(frame);
        }
        observe(out, slot);
        out.episodeIds[slot] = stepEpisode;
    }

    @Override
    public void reset(StepBuffers out, int slot) {
        startEpisode(episode + 1);
        observe(out, slot);
    }

    @Override
    public void observe(StepBuffers out, int slot) {
        policyHistory.write(out.policyObs, slot * out.policyDim);
        criticHistory.write(out.criticObs, slot * out.criticDim);
        obs.window.writeEnv(ampFrames.frames(), ctx.command, out.ampObs, slot * out.ampDim);
        out.episodeSteps[slot] = episodeStep;
        out.episodeIds[slot] = episode;
    }

    /** The clean frame of the current state, and its policy and critic frames processed at the current episode step. */
    private void observeClean() {
        obs.cleanFrame.write(ctx, clean);
        obs.policyProcessing.process(clean, 0, policyNoiseKey, episodeStep, policyFrame);
        obs.criticProcessing.process(clean, 0, criticNoiseKey, episodeStep, criticFrame);
    }

    /** The due push: every body's linear velocity changes by (Δv_x, Δv_y) in the world frame. */
    private void push() {
        double vx = pushes.vx();
        double vy = pushes.vy();
        frame.rootLinVel[0] += vx;
        frame.rootLinVel[1] += vy;
        for (int i = 0; i < frame.bodyLinVel.length; i += 3) {
            frame.bodyLinVel[i] += vx;
            frame.bodyLinVel[i + 1] += vy;
        }
        robot.writeFrame(frame);
        robot.readFrame(frame);
        pushes.advance();
    }

    /** What follows from (env, episode, step) alone: friction, link masses, push schedule and noise streams. */
    private void episodeStreams() {
        streamIds[0] = envId;
        streamIds[1] = episode;
        robot.setFriction(randomization.friction(streamIds));
        if (randomization.massScaleOn()) {
            // off: the engines keep their built masses untouched, so the runs stay as they were
            randomization.massScales(streamIds, massScale);
            robot.setMassScale(massScale);
        }
        pushes.seek(streamIds, episodeStep);
        policyNoiseKey = obs.policyProcessing.noiseKey(seed, streamIds);
        criticNoiseKey = obs.criticProcessing.noiseKey(seed, streamIds);
    }

    /** Starts episode {@code ep}: command, initial state (reference or randomised default pose), full histories. */
    private void startEpisode(long ep) {
        episode = ep;
        episodeStep = 0;
        Arrays.fill(ctx.lastAction, 0f);
        episodeStreams();
        boolean fromReference = resets.initialState(streamIds, frame, ampBefore);
        ctx.command = resets.command(streamIds, frame, fromReference);
        robot.writeFrame(frame);
        robot.readFrame(frame);
        observeClean();
        policyHistory.fill(policyFrame);
        criticHistory.fill(criticFrame);
        if (fromReference) {
            ampFrames.fill(frame, ampBefore);
        } else {
            ampFrames.fill(frame);
        }
    }

    /**
     * What this env's snapshot block holds, in order. First the state the dynamics run on (what
     * {@link #stateHash} covers), then what only observations and readouts depend on: ground
     * contacts per geom of the last substep (critic {@code foot_contact}; no body state reproduces
     * them), the last step's torque and power readouts, and the policy's, the critic's and the AMP
     * terms' frames older than the newest (none without history).
     */
    private EnvSnapshot snapshotLayout() {
        return new EnvSnapshot("snapshot block of env " + envId,
                List.of(
                        SnapshotField.ofInt("env id", () -> envId, v -> {},
                                v -> v == envId ? null : "it is for env " + v),
                        SnapshotField.ofLong("episode", () -> episode, v -> episode = v,
                                v -> v < 0 ? "episode " + v : null),
                        SnapshotField.ofInt("episode step", () -> episodeStep, v -> episodeStep = v,
                                v -> v < 0 || v >= maxSteps ? "episode step " + v + " (0.." + (maxSteps - 1) + ")" : null),
                        SnapshotField.ofDouble("command", () -> ctx.command, v -> ctx.command = v),
                        SnapshotField.ofFloats("last action", ctx.lastAction),
                        SnapshotField.ofDoubles("body state", raw, () -> robot.readState(raw, 0),
                                () -> robot.writeState(raw, 0))),
                List.of(
                        SnapshotField.ofCounts("ground contacts", "geom", contactCounts, robot.maxContactsPerGeom(),
                                () -> robot.readContacts(contactCounts), () -> robot.writeContacts(contactCounts)),
                        SnapshotField.ofDoubles("torque and power readouts", readouts,
                                () -> robot.readReadouts(readouts, 0), () -> robot.writeReadouts(readouts, 0)),
                        SnapshotField.ofHistory("policy observation history", policyHistory),
                        SnapshotField.ofHistory("critic observation history", criticHistory),
                        SnapshotField.ofFloats("AMP observation history", ampFrames.frames(), ampFrames.olderFloats())));
    }

    @Override
    public int stateBytes() {
        return snapshot.bytes();
    }

    @Override
    public void writeState(ByteBuffer out) {
        snapshot.write(out);
    }

    @Override
    public void checkState(ByteBuffer in) {
        snapshot.check(in);
    }

    @Override
    public void readState(ByteBuffer in) {
        snapshot.read(in);
        robot.readFrame(frame);
        // The newest frames are the current state's, with the noise of this (episode, step).
        episodeStreams();
        observeClean();
        policyHistory.replaceNewest(policyFrame);
        criticHistory.replaceNewest(criticFrame);
        ampFrames.replaceNewest(frame);
    }

    /**
     * FNV-1a 64 of the state the dynamics run on (the first {@link EnvSnapshot#dynamicsBytes()} of
     * {@link #writeState}); the contacts and readouts that follow show in the observation rows and
     * rewards, which the determinism hashes fold beside it.
     */
    public long stateHash() {
        hashBuffer.clear();
        writeState(hashBuffer);
        long h = 0xCBF29CE484222325L;
        byte[] b = hashBuffer.array();
        for (int i = 0; i < snapshot.dynamicsBytes(); i++) {
            h ^= (b[i] & 0xFF);
            h *= 0x100000001B3L;
        }
        return h;
    }

    @Override
    public void close() {
        robot.close();
    }
}
