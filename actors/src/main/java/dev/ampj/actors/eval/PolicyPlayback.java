package dev.ampj.actors.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.env.RunLearnerSettings;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.task.VelocityTaskEnv;
import dev.ampj.sim.terms.KinematicFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs a trained policy without learning and keeps its motion: one single-env VecEnv per commanded
 * speed, the mean action at every control step (as {@link PolicyEvaluator}: default pose, no
 * reference-state init), and every env's kinematic frame before the first step and after each one.
 * What {@code amp render} draws and {@code amp play} records. Deterministic: the same run,
 * iteration, commands, seed and step count give the same frames.
 */
public final class PolicyPlayback {

    private static final String COMMAND_KEY = "amp.sim.command.lin-vel-x";
    private static final String RSI_KEY = "amp.sim.init.reference-state-init";

    /**
     * One env's motion. {@code frames[t]} is the state after t steps (t = 0: the initial state);
     * after the step where an episode ends, the frame is the next episode's first.
     *
     * @param firstEpisodeFrames frames of the first episode, {@code frames[0 .. firstEpisodeFrames)}:
     *                           the continuous stretch a motion file can hold
     */
    public record EnvMotion(int env, double command, KinematicFrame[] frames, int firstEpisodeFrames, int falls,
            int episodes, double meanSpeed, double meanTaskReward) {

        /** Forward distance of the first episode (m). */
        public double firstEpisodeDistance() {
            return frames[firstEpisodeFrames - 1].rootPos[0] - frames[0].rootPos[0];
        }
    }

    /** Every env's motion; {@code controlDt} seconds between frames. */
    public record Result(double controlDt, List<EnvMotion> envs) {}

    private final Components components;

    public PolicyPlayback(Components components) {
        this.components = components;
    }

    /**
     * Rolls the policy of {@code learnerState} (run configuration {@code config}) out for
     * {@code steps} control steps per env, env e commanded {@code commands[e]} m/s, initial states
     * from {@code seed}. {@code progress} is told the steps done so far.
     */
    public Result run(Config config, byte[] learnerState, double[] commands, long seed, int steps, IntConsumer progress) {
        if (steps < 1) {
            throw new IllegalArgumentException("playback needs at least one control step, got " + steps);
        }
        int n = commands.length;
        List<VecEnv> envs = new ArrayList<>();
        List<VelocityTaskEnv> robots = new ArrayList<>();
        try (AmpLearner learner = AmpLearner.restore(RunLearnerSettings.of(config), learnerState);
                PolicyInference policy = learner.newInference()) {
            for (int e = 0; e < n; e++) {
                Config c = config.withValue(COMMAND_KEY, ConfigValueFactory.fromIterable(List.of(commands[e], commands[e])))
                        .withValue(RSI_KEY, ConfigValueFactory.fromAnyRef(0.0));
                VecEnv env = components.envs(c).create(seed, new int[] {e});
                envs.add(env);
                if (!(env instanceof BatchVecEnv batch) || !(batch.member(0) instanceof VelocityTaskEnv robot)) {
                    throw new IllegalArgumentException("playback shows the built-in robot's motion; this run's env ("
                            + env.getClass().getSimpleName() + ") has no kinematic frame to show");
                }
                robots.add(robot);
            }
            VecEnvSpec spec = envs.get(0).spec();
            return new Result(spec.controlDt(), rollout(envs, robots, commands, spec, policy, steps, progress));
        } finally {
            envs.forEach(VecEnv::close);
        }
    }

    private static List<EnvMotion> rollout(List<VecEnv> envs, List<VelocityTaskEnv> robots, double[] commands, VecEnvSpec spec,
            PolicyInference policy, int steps, IntConsumer progress) {
        Motions m = new Motions(robots, spec.controlDt(), steps);
        SingleEnvStepper stepper = new SingleEnvStepper(envs, spec, policy);
        for (int t = 0; t < steps; t++) {
            m.t = t;
            stepper.step(t, m);
            progress.accept(t + 1);
        }
        List<EnvMotion> out = new ArrayList<>();
        for (int e = 0; e < envs.size(); e++) {
            out.add(new EnvMotion(e, commands[e], m.frames[e], m.firstEpisode[e], m.falls[e], m.episodes[e],
                    m.speedSteps[e] == 0 ? Double.NaN : m.speedSum[e] / m.speedSteps[e],
                    m.rewardSum[e] / steps));
        }
        return out;
    }

    /** Every env's frames and episode figures, taken around each env's step in index order. */
    private static final class Motions implements SingleEnvStepper.Hooks {
        final List<VelocityTaskEnv> robots;
        final double controlDt;
        final int steps;
        final KinematicFrame[][] frames;
        final int[] firstEpisode;
        final int[] falls;
        final int[] episodes;
        final double[] speedSum;
        final int[] speedSteps;
        final double[] rewardSum;
        double xBefore;
        int t;

        Motions(List<VelocityTaskEnv> robots, double controlDt, int steps) {
            int n = robots.size();
            this.robots = robots;
            this.controlDt = controlDt;
            this.steps = steps;
            this.frames = new KinematicFrame[n][steps + 1];
            this.firstEpisode = new int[n];
            this.falls = new int[n];
            this.episodes = new int[n];
            this.speedSum = new double[n];
            this.speedSteps = new int[n];
            this.rewardSum = new double[n];
            for (int e = 0; e < n; e++) {
                frames[e][0] = copy(robots.get(e).frame());
                firstEpisode[e] = steps + 1;
                episodes[e] = 1;
            }
        }

        @Override
        public void beforeStep(int e, StepBuffers b) {
            xBefore = robots.get(e).frame().rootPos[0];
        }

        @Override
        public void afterStep(int e, StepBuffers b) {
            rewardSum[e] += b.rewards[0];
            frames[e][t + 1] = copy(robots.get(e).frame());
            if (b.done(0)) {
                falls[e] += b.terminated[0] ? 1 : 0;
                firstEpisode[e] = Math.min(firstEpisode[e], t + 1);
                if (t + 1 < steps) {
                    episodes[e]++;
                }
            } else {
                speedSum[e] += (frames[e][t + 1].rootPos[0] - xBefore) / controlDt;
                speedSteps[e]++;
            }
        }
    }

    private static KinematicFrame copy(KinematicFrame f) {
        KinematicFrame c = new KinematicFrame(f.layout());
        c.copyFrom(f);
        return c;
    }
}
