package dev.ampj.actors.eval;

import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import java.util.List;

/**
 * Rolls a policy out deterministically (its mean action) on one single-env VecEnv per commanded
 * speed and records what evaluation scores: every AMP transition (s, s′) (s′ the terminal state
 * where an episode ended), forward speed against the command, falls, episode lengths and the
 * range of every joint_pos column of the AMP state.
 */
final class EvalRollout {

    /**
     * What one rollout measured; per-env arrays are indexed like the envs. {@code episodeStarts[r]}:
     * transition r (step {@code r / envs} of env {@code r % envs}, as in {@code features}) is its
     * episode's first, so s is a reset state.
     */
    record Result(float[] features, boolean[] episodeStarts, int pairs, int falls, int episodes, double meanEpisodeSteps,
            double trackingError, double trackingErrorInstant, double[] meanSpeed, int[] envFalls,
            float[] jointMin, float[] jointMax, float[] gaitJointMin, float[] gaitJointMax) {}

    private EvalRollout() {}

    /**
     * Runs {@code steps} control steps. {@code envs.get(e)} holds one env commanded {@code commands[e]};
     * the first {@code warmupSteps} of each episode are left out of the tracking errors and of the
     * gait's joint ranges ({@code gaitJointMin/Max}; {@code jointMin/Max} span every step).
     */
    static Result run(List<VecEnv> envs, double[] commands, VecEnvSpec spec, PolicyInference policy, int steps, int warmupSteps) {
        return run(new SingleEnvStepper(envs, spec, policy)::step, envs.size(), commands, spec, steps, warmupSteps);
    }

    /** As above over the first {@code commands.length} rows of one VecEnv ({@link BatchEnvStepper}); row e is commanded {@code commands[e]}. */
    static Result run(VecEnv batch, double[] commands, VecEnvSpec spec, PolicyInference policy, int steps, int warmupSteps) {
        return run(new BatchEnvStepper(batch, commands.length, spec, policy)::step, commands.length, commands, spec, steps,
                warmupSteps);
    }

    /** One control step of every env, calling the hooks env by env. */
    private interface Stepper {
        void step(int t, SingleEnvStepper.Hooks hooks);
    }

    private static Result run(Stepper stepper, int n, double[] commands, VecEnvSpec spec, int steps, int warmupSteps) {
        Measures m = new Measures(n, commands, spec, steps, warmupSteps);
        for (int t = 0; t < steps; t++) {
            m.t = t;
            stepper.step(t, m);
        }
        return m.result();
    }

    /** The per-env measurements, taken around each env's step in index order. */
    private static final class Measures implements SingleEnvStepper.Hooks {
        final int n;
        final double[] commands;
        final int steps;
        final int warmupSteps;
        final int da;
        final SpeedSource speed;
        final ObsGroupSpec.Slice joints;
        final int nj;
        final float[] jointMin;
        final float[] jointMax;
        final float[] gaitJointMin;
        final float[] gaitJointMax;
        final float[] features;
        final boolean[] episodeStarts;
        final int[] episodeSteps;
        final double[] episodeSpeedSum;
        final int[] episodeSpeedCount;
        final double[] speedSum;
        final long[] speedCount;
        final int[] envFalls;
        double trackSum, trackWeight, instantSum;
        long instantCount, stepsInEnded;
        int ended;
        int t;

        Measures(int n, double[] commands, VecEnvSpec spec, int steps, int warmupSteps) {
            this.n = n;
            this.commands = commands;
            this.steps = steps;
            this.warmupSteps = warmupSteps;
            this.da = spec.ampDim();
            this.speed = SpeedSource.of(spec);
            this.joints = spec.amp().find("joint_pos");
            this.nj = joints == null ? 0 : joints.dim();
            this.jointMin = new float[nj];
            this.jointMax = new float[nj];
            java.util.Arrays.fill(jointMin, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(jointMax, Float.NEGATIVE_INFINITY);
            this.gaitJointMin = new float[nj];
            this.gaitJointMax = new float[nj];
            java.util.Arrays.fill(gaitJointMin, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(gaitJointMax, Float.NEGATIVE_INFINITY);
            this.features = new float[n * steps * 2 * da];
            this.episodeStarts = new boolean[n * steps];
            this.episodeSteps = new int[n];
            this.episodeSpeedSum = new double[n];
            this.episodeSpeedCount = new int[n];
            this.speedSum = new double[n];
            this.speedCount = new long[n];
            this.envFalls = new int[n];
        }

        private int row(int e) {
            return (t * n + e) * 2 * da;
        }

        @Override
        public void beforeStep(int e, StepBuffers b) {
            System.arraycopy(b.ampObs, 0, features, row(e), da);
            episodeStarts[t * n + e] = episodeSteps[e] == 0;
        }

        @Override
        public void afterStep(int e, StepBuffers b) {
            int row = row(e);
            boolean done = b.done(0);
            float[] next = done ? b.terminalAmpObs : b.ampObs;
            System.arraycopy(next, 0, features, row + da, da);
            for (int j = 0; j < nj; j++) {
                float q = features[row + joints.offset() + j];
                jointMin[j] = Math.min(jointMin[j], q);
                jointMax[j] = Math.max(jointMax[j], q);
            }
            episodeSteps[e]++;
            if (episodeSteps[e] > warmupSteps) {
                for (int j = 0; j < nj; j++) {
                    float q = features[row + joints.offset() + j];
                    gaitJointMin[j] = Math.min(gaitJointMin[j], q);
                    gaitJointMax[j] = Math.max(gaitJointMax[j], q);
                }
                double v = speed.read(next, done ? b.terminalCriticObs : b.criticObs);
                episodeSpeedSum[e] += v;
                episodeSpeedCount[e]++;
                speedSum[e] += v;
                speedCount[e]++;
                instantSum += Math.abs(v - commands[e]);
                instantCount++;
            }
            if (done) {
                if (b.terminated[0]) {
                    envFalls[e]++;
                }
                ended++;
                stepsInEnded += episodeSteps[e];
                episodeSteps[e] = 0;
            }
            if (done || t == steps - 1) {
                if (episodeSpeedCount[e] > 0) {
                    double mean = episodeSpeedSum[e] / episodeSpeedCount[e];
                    trackSum += Math.abs(mean - commands[e]) * episodeSpeedCount[e];
                    trackWeight += episodeSpeedCount[e];
                }
                episodeSpeedSum[e] = 0;
                episodeSpeedCount[e] = 0;
            }
        }

        Result result() {
            int open = 0;
            long stepsInOpen = 0;
            for (int e = 0; e < n; e++) {
                if (episodeSteps[e] > 0) {
                    open++;
                    stepsInOpen += episodeSteps[e];
                }
            }
            int falls = 0;
            double[] meanSpeed = new double[n];
            for (int e = 0; e < n; e++) {
                falls += envFalls[e];
                meanSpeed[e] = speedCount[e] == 0 ? Double.NaN : speedSum[e] / speedCount[e];
            }
            return new Result(features, episodeStarts, n * steps, falls, ended + open, (double) (stepsInEnded + stepsInOpen) / (ended + open),
                    trackWeight == 0 ? Double.NaN : trackSum / trackWeight,
                    instantCount == 0 ? Double.NaN : instantSum / instantCount, meanSpeed, envFalls, jointMin, jointMax,
                    gaitJointMin, gaitJointMax);
        }
    }

    /** Where the forward speed is read: the AMP state's root_lin_vel_w x, else the critic's root_lin_vel_b x. */
    private record SpeedSource(boolean amp, int offset) {

        static SpeedSource of(VecEnvSpec spec) {
            ObsGroupSpec.Slice s = spec.amp().find("root_lin_vel_w");
            if (s != null) {
                return new SpeedSource(true, s.offset());
            }
            s = spec.critic().find("root_lin_vel_b");
            if (s != null) {
                return new SpeedSource(false, s.latest()); // the newest frame when the critic stacks history
            }
            throw new IllegalArgumentException("eval reads the forward speed from the AMP term root_lin_vel_w or the critic term "
                    + "root_lin_vel_b; the env has neither (AMP terms " + spec.amp().slices().stream().map(ObsGroupSpec.Slice::term).toList()
                    + ")");
        }

        double read(float[] ampRow, float[] criticRow) {
            return amp ? ampRow[offset] : criticRow[offset];
        }
    }
}
