package dev.ampj.sim.task;

import dev.ampj.common.CounterRandom;
import dev.ampj.common.RandomStream;
import dev.ampj.sim.env.BatchMember;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichKinematics;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.terms.KinematicFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One ostrich on the velocity-tracking task: PD joint targets from actions, task reward terms,
 * failure terminations and timeouts, auto-reset into the next episode with a randomised default
 * pose or a reference state, domain randomization (friction per episode, pushes), and the policy
 * and critic observations processed (noise, clip, scale) and stacked ({@link ObsHistory}). All
 * randomness is drawn from streams keyed by (seed, purpose, global env id, episode) and counted by
 * step, so the env's trajectory never depends on where or with whom it runs.
 */
public final class VelocityTaskEnv implements BatchMember {

    /** Random stream purposes (part of the determinism contract: renaming one changes every run). */
    static final String RESET = "sim.reset";
    static final String COMMAND = "sim.command";
    static final String REFERENCE_STATE = "sim.reference-state";

    /** A body faster than this (m/s, rad/s) is a diverged simulation, treated like a NaN state. */
    static final double MAX_LIN_SPEED = 100;
    static final double MAX_ANG_SPEED = 400;
    /** Clearance between the lowest foot corner and the ground at a reset (m). */
    static final double RESET_CLEARANCE = 0.001;

    /**
     * Snapshot block of one env. First the state the dynamics run on (env id, episode, step,
     * command, last action, raw bodies: {@link #dynamicsBytes}, what {@link #stateHash} covers),
     * then what only observations and readouts depend on: ground contacts per geom of the last
     * substep (critic {@code foot_contact}; no body state reproduces them) and the last step's
     * torques, mean Σ τ² and power; last, the policy's and the critic's frames older than the
     * newest (none without history).
     */
    private final int dynamicsBytes;
    private final int stateBytes;

    private final int envId;
    private final long seed;
    private final SimSettings s;
    private final TaskObservations obs;
    private final RewardTerms rewards;
    private final ReferenceStateSampler sampler;
    private final OstrichRobot robot;
    private final KinematicFrame frame = new KinematicFrame(OstrichLayout.LAYOUT);
    private final OstrichKinematics kinematics = new OstrichKinematics();
    private final int maxSteps;
    private final double cosMaxTilt;
    private final double[] act = new double[6];
    private final double[] targets = new double[6];
    private final double[] term = new double[RewardTerms.NAMES.size()];
    private final double[] raw;
    private final int[] contactCounts = new int[OstrichRobot.GEOMS];
    private final double[] readouts = new double[OstrichRobot.READOUT_DOUBLES];
    /** (global env id, episode): the ids of this episode's random streams, reused so resets do not allocate. */
    private final long[] streamIds = new long[2];
    private final ByteBuffer hashBuffer;
    private final DomainRandomization randomization;
    private final PushSchedule pushes;
    /** The clean critic frame (its first {@code policy frame} floats are the clean policy frame). */
    private final float[] clean;
    private final float[] policyFrame;
    private final float[] criticFrame;
    private final ObsHistory policyHistory;
    private final ObsHistory criticHistory;
    private long policyNoiseKey;
    private long criticNoiseKey;

    private long episode;
    private int episodeStep;
    private double command;
    private final float[] lastAction = new float[6];

    VelocityTaskEnv(int envId, long seed, SimSettings settings, TaskObservations obs, RewardTerms rewards,
            DomainRandomization randomization, ReferenceStateSampler sampler) {
        this.envId = envId;
        this.seed = seed;
        this.s = settings;
        this.obs = obs;
        this.rewards = rewards;
        this.sampler = sampler;
        this.robot = OstrichRobot.create(settings);
        this.raw = new double[robot.stateDoubles()];
        this.dynamicsBytes = 4 + 8 + 4 + 8 + 6 * 4 + raw.length * 8;
        this.randomization = randomization;
        this.pushes = new PushSchedule(randomization);
        this.clean = new float[obs.criticProcessing.frameDim()];
        this.policyFrame = new float[obs.policyProcessing.frameDim()];
        this.criticFrame = new float[clean.length];
        this.policyHistory = new ObsHistory(obs.policy);
        this.criticHistory = new ObsHistory(obs.critic);
        this.stateBytes = dynamicsBytes + OstrichRobot.GEOMS + OstrichRobot.READOUT_DOUBLES * 8
                + 4 * (policyHistory.olderFloats() + criticHistory.olderFloats());
        this.hashBuffer = ByteBuffer.allocate(stateBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.maxSteps = settings.maxEpisodeSteps();
        this.cosMaxTilt = Math.cos(settings.terminations().maxTorsoPitch());
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
        return command;
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
            act[j] = a;
            targets[j] = OstrichLayout.DEFAULT_JOINT_POS[j] + scale * a;
        }
        robot.step(targets, s.decimation(), s.dt());
        robot.readFrame(frame);
        episodeStep++;
        long stepEpisode = episode;
        int nt = term.length;
        if (diverged()) {
            // The (s, s') pair of a diverged step is (s, s): the reached state is unusable.
            System.arraycopy(out.ampObs, slot * out.ampDim, out.terminalAmpObs, slot * out.ampDim, out.ampDim);
            System.arraycopy(out.criticObs, slot * out.criticDim, out.terminalCriticObs, slot * out.criticDim,
                    out.criticDim);
            out.rewards[slot] = 0;
            java.util.Arrays.fill(out.rewardTerms, slot * nt, slot * nt + nt, 0f);
            out.terminated[slot] = true;
            out.nanTerminated[slot] = true;
            out.timedOut[slot] = false;
            startEpisode(episode + 1);
            observe(out, slot);
            out.episodeIds[slot] = stepEpisode;
            return;
        }
        double[] q = frame.rootQuat;
        double w = q[0], x = q[1], y = q[2], z = q[3];
        double r20 = 2 * (x * z - w * y);
        double r21 = 2 * (y * z + w * x);
        double r22 = 1 - 2 * (x * x + y * y);
        boolean failed = frame.rootPos[2] < s.terminations().minTorsoHeight() || r22 < cosMaxTilt;
        double err = forwardSpeed() - command;
        term[RewardTerms.TRACK] = Math.exp(-err * err * rewards.inverseSigmaSq);
        term[RewardTerms.ALIVE] = failed ? 0 : 1;
        term[RewardTerms.UPRIGHT] = 1 - (r20 * r20 + r21 * r21);
        double rate = 0;
        for (int j = 0; j < 6; j++) {
            double d = act[j] - lastAction[j];
            rate += d * d;
            lastAction[j] = (float) act[j];
        }
        term[RewardTerms.ACTION_RATE] = rate;
        term[RewardTerms.TORQUE] = robot.meanTorqueSq();
        term[RewardTerms.POWER] = robot.meanPower();
        double total = 0;
        for (int k = 0; k < nt; k++) {
            double v = rewards.weights[k] * term[k];
            out.rewardTerms[slot * nt + k] = (float) v;
            total += v;
        }
        out.rewards[slot] = (float) total;
        boolean timeout = !failed && episodeStep >= maxSteps;
        out.terminated[slot] = failed;
        out.timedOut[slot] = timeout;
        out.nanTerminated[slot] = false;
        if (failed || timeout) {
            obs.amp.compute(frame, out.terminalAmpObs, slot * out.ampDim);
            computeClean();
            obs.criticProcessing.process(clean, 0, criticNoiseKey, episodeStep, criticFrame);
            criticHistory.push(criticFrame);
            criticHistory.write(out.terminalCriticObs, slot * out.criticDim);
            startEpisode(episode + 1);
        } else {
            if (pushes.due(episodeStep)) {
                push();
            }
            computeClean();
            process();
            policyHistory.push(policyFrame);
            criticHistory.push(criticFrame);
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
        obs.amp.compute(frame, out.ampObs, slot * out.ampDim);
        out.episodeSteps[slot] = episodeStep;
        out.episodeIds[slot] = episode;
    }

    /** The clean critic frame of the current state (layout: {@link TaskObservations}). */
    private void computeClean() {
        obs.base.compute(frame, clean, 0);
        clean[9] = (float) command;
        obs.joints.compute(frame, clean, 10);
        System.arraycopy(lastAction, 0, clean, 22, 6);
        obs.height.compute(frame, clean, 28);
        clean[29] = robot.inContact(OstrichGeometry.LEFT_FOOT) ? 1f : 0f;
        clean[30] = robot.inContact(OstrichGeometry.RIGHT_FOOT) ? 1f : 0f;
    }

    /** The processed policy and critic frames of {@link #clean}, observed at the current episode step. */
    private void process() {
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

    /** What follows from (env, episode, step) alone: friction, push schedule and noise streams. */
    private void episodeStreams() {
        streamIds[0] = envId;
        streamIds[1] = episode;
        robot.setFriction(randomization.friction(streamIds));
        pushes.seek(streamIds, episodeStep);
        policyNoiseKey = obs.policyProcessing.noiseKey(seed, streamIds);
        criticNoiseKey = obs.criticProcessing.noiseKey(seed, streamIds);
    }

    /** Forward speed along the torso's heading projected on the ground (m/s). */
    private double forwardSpeed() {
        double[] q = frame.rootQuat;
        double w = q[0], x = q[1], y = q[2], z = q[3];
        double fx = 1 - 2 * (y * y + z * z);
        double fy = 2 * (x * y + w * z);
        double n = Math.sqrt(fx * fx + fy * fy);
        if (n < 1e-6) {
            return frame.rootLinVel[0];
        }
        return (frame.rootLinVel[0] * fx + frame.rootLinVel[1] * fy) / n;
    }

    private boolean diverged() {
        if (!frame.isFinite()) {
            return true;
        }
        for (int i = 0; i < 7; i++) {
            double vx = frame.bodyLinVel[3 * i], vy = frame.bodyLinVel[3 * i + 1], vz = frame.bodyLinVel[3 * i + 2];
            double wx = frame.bodyAngVel[3 * i], wy = frame.bodyAngVel[3 * i + 1], wz = frame.bodyAngVel[3 * i + 2];
            if (vx * vx + vy * vy + vz * vz > MAX_LIN_SPEED * MAX_LIN_SPEED
                    || wx * wx + wy * wy + wz * wz > MAX_ANG_SPEED * MAX_ANG_SPEED) {
                return true;
            }
        }
        return false;
    }

    /** Starts episode {@code ep}: command, initial state (reference or randomised default pose). */
    private void startEpisode(long ep) {
        episode = ep;
        episodeStep = 0;
        java.util.Arrays.fill(lastAction, 0f);
        episodeStreams();
        SimSettings.Command c = s.command();
        command = c.linVelXMin() + (c.linVelXMax() - c.linVelXMin())
                * CounterRandom.uniform(CounterRandom.key(seed, COMMAND, streamIds), 0);
        long key = CounterRandom.key(seed, RESET, streamIds);
        double rsi = s.init().referenceStateInit();
        if (sampler != null && rsi > 0 && CounterRandom.uniform(key, 0) < rsi) {
            referenceState(ep);
        } else {
            defaultPose(key);
        }
        robot.writeFrame(frame);
        robot.readFrame(frame);
        computeClean();
        process();
        policyHistory.fill(policyFrame);
        criticHistory.fill(criticFrame);
    }

    private void defaultPose(long key) {
        SimSettings.Init init = s.init();
        for (int j = 0; j < 6; j++) {
            double qj = OstrichLayout.DEFAULT_JOINT_POS[j]
                    + init.jointPosNoise() * (2 * CounterRandom.uniform(key, 1 + j) - 1);
            frame.jointPos[j] = Math.max(OstrichGeometry.JOINT_LO[j], Math.min(OstrichGeometry.JOINT_HI[j], qj));
            frame.jointVel[j] = init.jointVelNoise() * (2 * CounterRandom.uniform(key, 7 + j) - 1);
        }
        frame.rootPos[0] = 0;
        frame.rootPos[1] = 0;
        frame.rootPos[2] = 0;
        frame.rootQuat[0] = 1;
        frame.rootQuat[1] = 0;
        frame.rootQuat[2] = 0;
        frame.rootQuat[3] = 0;
        frame.rootLinVel[0] = init.rootLinVelNoise() * (2 * CounterRandom.uniform(key, 13) - 1);
        frame.rootLinVel[1] = 0;
        frame.rootLinVel[2] = init.rootLinVelNoise() * (2 * CounterRandom.uniform(key, 14) - 1);
        frame.rootAngVel[0] = 0;
        frame.rootAngVel[1] = 0;
        frame.rootAngVel[2] = 0;
        kinematics.forward(frame);
        OstrichKinematics.lift(frame, RESET_CLEARANCE - kinematics.lowestFootZ(frame));
    }

    private void referenceState(long ep) {
        sampler.sample(new RandomStream(CounterRandom.key(seed, REFERENCE_STATE, streamIds), 0), frame);
        frame.rootPos[0] = 0;
        if (s.planar()) {
            frame.rootPos[1] = 0;
        }
        if (!frame.isFinite()) {
            throw new IllegalStateException("reference state sampler gave a non-finite state for env " + envId
                    + " episode " + ep + ": " + frame);
        }
        kinematics.forward(frame);
        double low = kinematics.lowestFootZ(frame);
        if (low < RESET_CLEARANCE) {
            OstrichKinematics.lift(frame, RESET_CLEARANCE - low);
        }
    }

    @Override
    public int stateBytes() {
        return stateBytes;
    }

    @Override
    public void writeState(ByteBuffer out) {
        out.putInt(envId);
        out.putLong(episode);
        out.putInt(episodeStep);
        out.putDouble(command);
        for (float a : lastAction) {
            out.putFloat(a);
        }
        robot.readState(raw, 0);
        for (double v : raw) {
            out.putDouble(v);
        }
        robot.readContacts(contactCounts);
        for (int c : contactCounts) {
            out.put((byte) c);
        }
        robot.readReadouts(readouts, 0);
        for (double v : readouts) {
            out.putDouble(v);
        }
        policyHistory.writeOlder(out);
        criticHistory.writeOlder(out);
    }

    @Override
    public void checkState(ByteBuffer in) {
        int id = in.getInt();
        if (id != envId) {
            throw new IllegalArgumentException("snapshot block is for env " + id + ", expected env " + envId);
        }
        long ep = in.getLong();
        int step = in.getInt();
        double cmd = in.getDouble();
        if (ep < 0 || step < 0 || step >= maxSteps || !Double.isFinite(cmd)) {
            throw new IllegalArgumentException("snapshot block of env " + envId + " is corrupt: episode " + ep
                    + ", step " + step + ", command " + cmd);
        }
        for (int j = 0; j < 6; j++) {
            if (!Float.isFinite(in.getFloat())) {
                throw new IllegalArgumentException("snapshot block of env " + envId + " has a non-finite last action");
            }
        }
        for (int k = 0; k < raw.length; k++) {
            if (!Double.isFinite(in.getDouble())) {
                throw new IllegalArgumentException("snapshot block of env " + envId + " has a non-finite body state");
            }
        }
        for (int g = 0; g < OstrichRobot.GEOMS; g++) {
            int c = in.get();
            if (c < 0 || c > robot.maxContactsPerGeom()) {
                throw new IllegalArgumentException("snapshot block of env " + envId + " is corrupt: " + c
                        + " ground contacts on geom " + g + " (0.." + robot.maxContactsPerGeom() + ")");
            }
        }
        for (int k = 0; k < OstrichRobot.READOUT_DOUBLES; k++) {
            if (!Double.isFinite(in.getDouble())) {
                throw new IllegalArgumentException("snapshot block of env " + envId
                        + " has a non-finite torque or power readout");
            }
        }
        if (!policyHistory.checkOlder(in) || !criticHistory.checkOlder(in)) {
            throw new IllegalArgumentException("snapshot block of env " + envId + " has a non-finite observation history");
        }
    }

    @Override
    public void readState(ByteBuffer in) {
        in.getInt();
        episode = in.getLong();
        episodeStep = in.getInt();
        command = in.getDouble();
        for (int j = 0; j < 6; j++) {
            lastAction[j] = in.getFloat();
        }
        for (int k = 0; k < raw.length; k++) {
            raw[k] = in.getDouble();
        }
        robot.writeState(raw, 0);
        for (int g = 0; g < contactCounts.length; g++) {
            contactCounts[g] = in.get();
        }
        robot.writeContacts(contactCounts);
        for (int k = 0; k < readouts.length; k++) {
            readouts[k] = in.getDouble();
        }
        robot.writeReadouts(readouts, 0);
        robot.readFrame(frame);
        policyHistory.readOlder(in);
        criticHistory.readOlder(in);
        // The newest frames are the current state's, with the noise of this (episode, step).
        episodeStreams();
        computeClean();
        process();
        policyHistory.replaceNewest(policyFrame);
        criticHistory.replaceNewest(criticFrame);
    }

    /**
     * FNV-1a 64 of the state the dynamics run on (the first {@link #dynamicsBytes} of
     * {@link #writeState}); the contacts and readouts that follow show in the observation rows and
     * rewards, which the determinism hashes fold beside it.
     */
    public long stateHash() {
        hashBuffer.clear();
        writeState(hashBuffer);
        long h = 0xCBF29CE484222325L;
        byte[] b = hashBuffer.array();
        for (int i = 0; i < dynamicsBytes; i++) {
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
