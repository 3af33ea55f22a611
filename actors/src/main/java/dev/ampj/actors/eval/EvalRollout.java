package dev.ampj.actors.eval;

import dev.ampj.learner.nn.ActResult;
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

    /** What one rollout measured; per-env arrays are indexed like the envs. */
    record Result(float[] features, int pairs, int falls, int episodes, double meanEpisodeSteps,
            double trackingError, double trackingErrorInstant, double[] meanSpeed, int[] envFalls,
            float[] jointMin, float[] jointMax) {}

    private EvalRollout() {}

    /**
     * Runs {@code steps} control steps. {@code envs.get(e)} holds one env commanded {@code commands[e]};
     * the first {@code warmupSteps} of each episode are left out of the tracking errors.
     */
    static Result run(List<VecEnv> envs, double[] commands, VecEnvSpec spec, PolicyInference policy, int steps, int warmupSteps) {
        int n = envs.size();
        int dp = spec.policyDim();
        int dc = spec.criticDim();
        int da = spec.ampDim();
        int act = spec.actionDim();
        SpeedSource speed = SpeedSource.of(spec);
        ObsGroupSpec.Slice joints = spec.amp().find("joint_pos");
        int nj = joints == null ? 0 : joints.dim();
        float[] jointMin = new float[nj];
        float[] jointMax = new float[nj];
        java.util.Arrays.fill(jointMin, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(jointMax, Float.NEGATIVE_INFINITY);

        int[] ids = new int[n];
        for (int e = 0; e < n; e++) {
            ids[e] = e;
        }
        float[] pobs = new float[n * dp];
        float[] cobs = new float[n * dc];
        float[] features = new float[n * steps * 2 * da];
        int[] episodeSteps = new int[n];
        double[] episodeSpeedSum = new double[n];
        int[] episodeSpeedCount = new int[n];
        double[] speedSum = new double[n];
        long[] speedCount = new long[n];
        int[] envFalls = new int[n];
        double trackSum = 0, trackWeight = 0, instantSum = 0;
        long instantCount = 0, stepsInEnded = 0;
        int ended = 0;
        float[] one = new float[act];
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < n; e++) {
                StepBuffers b = envs.get(e).buffers();
                System.arraycopy(b.policyObs, 0, pobs, e * dp, dp);
                System.arraycopy(b.criticObs, 0, cobs, e * dc, dc);
            }
            ActResult r = policy.act(t, ids, pobs, cobs);
            for (int e = 0; e < n; e++) {
                StepBuffers b = envs.get(e).buffers();
                int row = (t * n + e) * 2 * da;
                System.arraycopy(b.ampObs, 0, features, row, da);
                System.arraycopy(r.means(), e * act, one, 0, act);
                envs.get(e).step(one);
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
        }
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
        return new Result(features, n * steps, falls, ended + open, (double) (stepsInEnded + stepsInOpen) / (ended + open),
                trackWeight == 0 ? Double.NaN : trackSum / trackWeight,
                instantCount == 0 ? Double.NaN : instantSum / instantCount, meanSpeed, envFalls, jointMin, jointMax);
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
