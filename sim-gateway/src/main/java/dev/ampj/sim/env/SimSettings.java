package dev.ampj.sim.env;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.common.Digests;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code amp.sim} section of the config (documented key by key in sim-gateway's reference.conf),
 * read once. Unknown keys are rejected with the list of known keys.
 */
public record SimSettings(
        String robot,
        String engine,
        boolean planar,
        double dt,
        int decimation,
        double episodeLengthS,
        int threads,
        double actionScale,
        double actionClip,
        Pd pd,
        Init init,
        Command command,
        Rewards rewards,
        Terminations terminations,
        Observations observations,
        RandomizationSettings randomization) {

    public static final String PATH = "amp.sim";
    /** Generalized (reduced) coordinates in the sagittal plane: {@code dev.ampj.sim.reduced}. */
    public static final String ENGINE_REDUCED = "reduced";
    /** ode4j 0.5.3, maximal coordinates with a dense LCP: planar or 3D. */
    public static final String ENGINE_ODE4J = "ode4j";
    /** An external simulator connected through the gateway (amp.gateway, docs/gateway-protocol.md). */
    public static final String ENGINE_EXTERNAL = "external";
    /** Frames per AMP state that {@code amp.sim.observations.amp-history-length = auto} means on the embedded engines. */
    public static final int AUTO_AMP_HISTORY = 4;
    /** The embedded engines. */
    public static final List<String> ENGINES = List.of(ENGINE_REDUCED, ENGINE_ODE4J);
    /** Every value {@code amp.sim.engine} accepts. */
    public static final List<String> ALL_ENGINES = List.of(ENGINE_REDUCED, ENGINE_ODE4J, ENGINE_EXTERNAL);
    static final List<String> KEYS = List.of("robot", "engine", "planar", "dt", "decimation", "episode-length-s", "threads",
            "action-scale", "action-clip", "pd", "init", "command", "rewards", "terminations", "observations",
            "randomization", "declared-robot");
    /** The built-in robot; any other name is a robot its external simulator declares (amp.sim.engine = external). */
    public static final String BUILT_IN_ROBOT = "ostrich";

    /** PD gains and torque limits per leg joint [hip, knee, ankle]. */
    public record Pd(List<Double> kp, List<Double> kd, List<Double> torqueLimit) {
        static final List<String> KEYS = List.of("kp", "kd", "torque-limit");
    }

    /**
     * Episode start noise, the reference-state-initialisation fraction, and whether an episode that
     * starts from a reference state is commanded that state's forward speed.
     */
    public record Init(double jointPosNoise, double jointVelNoise, double rootLinVelNoise, double referenceStateInit,
            boolean referenceCommand) {
        static final List<String> KEYS = List.of("joint-pos-noise", "joint-vel-noise", "root-lin-vel-noise",
                "reference-state-init", "reference-command");
    }

    /** Range of the commanded forward speed (m/s). */
    public record Command(double linVelXMin, double linVelXMax) {
        static final List<String> KEYS = List.of("lin-vel-x");
    }

    /** Weights of the task reward terms. */
    public record Rewards(double trackLinVelX, double trackingSigma, double alive, double upright, double actionRate,
            double jointTorque, double energy, double jointPosLimits, double softJointPosLimitFactor,
            List<String> jointPosLimitsJoints) {
        static final List<String> KEYS = List.of("track-lin-vel-x", "tracking-sigma", "alive", "upright",
                "action-rate", "joint-torque", "energy", "joint-pos-limits", "soft-joint-pos-limit-factor",
                "joint-pos-limits-joints");
        /** The joint-limit term's joints when it names none: all of them. */
        public static final List<String> ALL_JOINTS = List.of(".*");

        public Rewards {
            jointPosLimitsJoints = List.copyOf(jointPosLimitsJoints);
        }
    }

    /** Failure termination limits. */
    public record Terminations(double minTorsoHeight, double maxTorsoPitch) {
        static final List<String> KEYS = List.of("min-torso-height", "max-torso-pitch");
    }

    /**
     * AMP observation terms (or groups) and key bodies, by name; the processing of the policy and
     * critic terms (the AMP group is never processed: the discriminator sees true states).
     */
    public record Observations(List<String> ampTerms, List<String> keyBodies, ObsGroupSettings policy,
            ObsGroupSettings critic, GaitCondition.Mode ampGaitCondition, int ampHistoryLength) {
        static final List<String> KEYS = List.of("amp-terms", "key-bodies", "policy", "critic", "amp-gait-condition",
                "amp-history-length");
    }

    /** Control steps per episode. */
    public int maxEpisodeSteps() {
        return (int) Math.round(episodeLengthS / controlDt());
    }

    /** Seconds per control step. */
    public double controlDt() {
        return dt * decimation;
    }

    /** SHA-256 of the settings that shape trajectories (everything but {@code threads}); snapshots refuse others. */
    public String digest() {
        String text = withThreads(1).toString();
        // Sections added after runs were recorded enter the digest only when set, so the snapshots
        // of those runs (taken with what are now the defaults) still restore.
        if (observations.policy.equals(ObsGroupSettings.NONE) && observations.critic.equals(ObsGroupSettings.NONE)) {
            text = text.replace(", policy=" + observations.policy + ", critic=" + observations.critic, "");
        }
        if (randomization.off()) {
            text = text.replace(", randomization=" + randomization, "");
        }
        if (!init.referenceCommand()) {
            text = text.replace(", referenceCommand=false]", "]");
        }
        if (rewards.jointPosLimits() == 0) {
            text = text.replace(", jointPosLimits=0.0, softJointPosLimitFactor=" + rewards.softJointPosLimitFactor()
                    + ", jointPosLimitsJoints=" + rewards.jointPosLimitsJoints() + "]", "]");
        }
        if (observations.ampHistoryLength == 1) {
            text = text.replace(", ampHistoryLength=1]", "]");
        }
        if (observations.ampGaitCondition == GaitCondition.Mode.OFF) {
            text = text.replace(", ampGaitCondition=OFF]", "]");
        }
        return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The defaults of reference.conf. */
    public static SimSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference());
    }

    /** Reads {@code amp.sim} from {@code config} (a whole application config). */
    public static SimSettings fromConfig(Config config) {
        String p = PATH;
        Config c;
        try {
            c = config.getConfig(p);
        } catch (com.typesafe.config.ConfigException e) {
            throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
        }
        ConfigKeys.requireOnly(c, p, KEYS);
        String robot = ConfigKeys.string(c, p, "robot");
        String engine = ConfigKeys.string(c, p, "engine");
        if (!ALL_ENGINES.contains(engine)) {
            throw new IllegalArgumentException(p + ".engine = \"" + engine + "\": unknown engine; known engines: "
                    + ALL_ENGINES);
        }
        if (!robot.equals(BUILT_IN_ROBOT) && !engine.equals(ENGINE_EXTERNAL)) {
            throw new IllegalArgumentException(p + ".robot = \"" + robot + "\": unknown robot; known robots: [" + BUILT_IN_ROBOT
                    + "] (another robot is declared by its simulator: set " + p + ".engine = \"" + ENGINE_EXTERNAL + "\")");
        }
        if (!robot.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException(p + ".robot = \"" + robot + "\": expected a name of letters, digits, _ . -");
        }
        boolean planar = ConfigKeys.bool(c, p, "planar");
        if (engine.equals(ENGINE_REDUCED) && !planar) {
            throw new IllegalArgumentException(p + ".engine = \"" + ENGINE_REDUCED + "\" simulates the sagittal plane"
                    + " only, but " + p + ".planar = false: set " + p + ".engine = \"" + ENGINE_ODE4J
                    + "\" for a robot free in 3D");
        }
        double dt = ConfigKeys.positive(c, p, "dt");
        int decimation = ConfigKeys.positiveInt(c, p, "decimation");
        double episode = ConfigKeys.positive(c, p, "episode-length-s");
        if (Math.round(episode / (dt * decimation)) < 1) {
            throw new IllegalArgumentException(p + ".episode-length-s = " + episode + ": shorter than one control step");
        }
        int threads = ConfigKeys.positiveInt(c, p, "threads");

        String pp = p + ".pd";
        Config pc = ConfigKeys.section(c, p, "pd");
        ConfigKeys.requireOnly(pc, pp, Pd.KEYS);
        Pd pd = new Pd(nonNegative(ConfigKeys.numbers(pc, pp, "kp", 3), pp + ".kp"),
                nonNegative(ConfigKeys.numbers(pc, pp, "kd", 3), pp + ".kd"),
                nonNegative(ConfigKeys.numbers(pc, pp, "torque-limit", 3), pp + ".torque-limit"));

        String ip = p + ".init";
        Config ic = ConfigKeys.section(c, p, "init");
        ConfigKeys.requireOnly(ic, ip, Init.KEYS);
        double rsi = ConfigKeys.number(ic, ip, "reference-state-init");
        if (rsi < 0 || rsi > 1) {
            throw new IllegalArgumentException(ip + ".reference-state-init = " + rsi + ": expected a fraction in [0, 1]");
        }
        Init init = new Init(nonNegative(ic, ip, "joint-pos-noise"), nonNegative(ic, ip, "joint-vel-noise"),
                nonNegative(ic, ip, "root-lin-vel-noise"), rsi, ConfigKeys.bool(ic, ip, "reference-command"));

        String cp = p + ".command";
        Config cc = ConfigKeys.section(c, p, "command");
        ConfigKeys.requireOnly(cc, cp, Command.KEYS);
        List<Double> vx = ConfigKeys.numbers(cc, cp, "lin-vel-x", 2);
        if (vx.get(0) > vx.get(1)) {
            throw new IllegalArgumentException(cp + ".lin-vel-x = " + vx + ": expected [min, max] with min <= max");
        }
        Command command = new Command(vx.get(0), vx.get(1));

        String rp = p + ".rewards";
        Config rc = ConfigKeys.section(c, p, "rewards");
        ConfigKeys.requireOnly(rc, rp, Rewards.KEYS);
        Rewards rewards = new Rewards(ConfigKeys.number(rc, rp, "track-lin-vel-x"),
                ConfigKeys.positive(rc, rp, "tracking-sigma"), ConfigKeys.number(rc, rp, "alive"),
                ConfigKeys.number(rc, rp, "upright"), ConfigKeys.number(rc, rp, "action-rate"),
                ConfigKeys.number(rc, rp, "joint-torque"), ConfigKeys.number(rc, rp, "energy"),
                ConfigKeys.number(rc, rp, "joint-pos-limits"), ConfigKeys.number(rc, rp, "soft-joint-pos-limit-factor"),
                ConfigKeys.strings(rc, rp, "joint-pos-limits-joints"));
        if (!(rewards.softJointPosLimitFactor() > 0 && rewards.softJointPosLimitFactor() <= 1)) {
            throw new IllegalArgumentException(rp + ".soft-joint-pos-limit-factor = " + rewards.softJointPosLimitFactor()
                    + ": expected a factor in (0, 1] on the joint ranges");
        }
        for (String pattern : rewards.jointPosLimitsJoints()) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException(rp + ".joint-pos-limits-joints: \"" + pattern
                        + "\" is not a regular expression (" + e.getDescription() + ")", e);
            }
        }

        String tp = p + ".terminations";
        Config tc = ConfigKeys.section(c, p, "terminations");
        ConfigKeys.requireOnly(tc, tp, Terminations.KEYS);
        Terminations terminations = new Terminations(ConfigKeys.number(tc, tp, "min-torso-height"),
                ConfigKeys.positive(tc, tp, "max-torso-pitch"));

        String op = p + ".observations";
        Config oc = ConfigKeys.section(c, p, "observations");
        ConfigKeys.requireOnly(oc, op, Observations.KEYS);
        Observations observations = new Observations(ConfigKeys.strings(oc, op, "amp-terms"),
                ConfigKeys.strings(oc, op, "key-bodies"),
                ObsGroupSettings.read(ConfigKeys.section(oc, op, "policy"), op + ".policy"),
                ObsGroupSettings.read(ConfigKeys.section(oc, op, "critic"), op + ".critic"),
                GaitCondition.Mode.parse(ConfigKeys.string(oc, op, "amp-gait-condition"), op + ".amp-gait-condition"),
                ampHistoryLength(oc, op, engine));
        requireExternalRowsSingleFrame(observations, op, engine);
        RandomizationSettings randomization = RandomizationSettings.read(ConfigKeys.section(c, p, "randomization"),
                p + ".randomization", planar);

        return new SimSettings(robot, engine, planar, dt, decimation, episode, threads,
                ConfigKeys.positive(c, p, "action-scale"), ConfigKeys.positive(c, p, "action-clip"), pd, init,
                command, rewards, terminations, observations, randomization);
    }

    /**
     * An external simulator writes its own AMP rows: one frame, no gait condition. Refused here, when
     * the configuration is read, rather than when the first env is built.
     */
    private static void requireExternalRowsSingleFrame(Observations o, String op, String engine) {
        if (!ENGINE_EXTERNAL.equals(engine)) {
            return;
        }
        if (o.ampHistoryLength() != 1) {
            throw new IllegalArgumentException(op + ".amp-history-length = " + o.ampHistoryLength() + " is not supported with "
                    + "amp.sim.engine = external: the simulator computes the AMP rows (stack the frames there, as one wider AMP "
                    + "state); set it to 1 or auto");
        }
        if (o.ampGaitCondition() == GaitCondition.Mode.ON) {
            throw new IllegalArgumentException(op + ".amp-gait-condition = true is not supported with amp.sim.engine = external: "
                    + "the simulator computes the AMP rows; set it false or auto");
        }
    }

    /**
     * {@code amp-history-length}: a positive count, or {@code auto}: {@value #AUTO_AMP_HISTORY} frames for
     * the embedded engines, 1 for an external simulator (it writes its own single-frame AMP rows).
     */
    private static int ampHistoryLength(Config oc, String op, String engine) {
        String key = "amp-history-length";
        if (oc.hasPath(key) && oc.getValue(key).valueType() == com.typesafe.config.ConfigValueType.STRING) {
            String v = oc.getString(key);
            if (!"auto".equals(v)) {
                throw new IllegalArgumentException(op + "." + key + " = " + v + ": expected a positive integer or auto");
            }
            return ENGINE_EXTERNAL.equals(engine) ? 1 : AUTO_AMP_HISTORY;
        }
        return ConfigKeys.positiveInt(oc, op, key);
    }

    /**
     * A copy for envs built without reference motion (benchmarks, tests): resets never start from
     * it, and the AMP states carry no gait condition (it needs the clips' speeds).
     */
    public SimSettings withoutReferenceStates() {
        Init none = new Init(init.jointPosNoise(), init.jointVelNoise(), init.rootLinVelNoise(), 0.0, false);
        Observations o = new Observations(observations.ampTerms, observations.keyBodies, observations.policy,
                observations.critic, GaitCondition.Mode.OFF, observations.ampHistoryLength);
        return new SimSettings(robot, engine, planar, dt, decimation, episodeLengthS, threads, actionScale, actionClip, pd, none,
                command, rewards, terminations, o, randomization);
    }

    /** A copy with {@code threads} stepping threads (a runtime choice that does not change results). */
    public SimSettings withThreads(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("threads = " + n + ": expected a positive integer");
        }
        return new SimSettings(robot, engine, planar, dt, decimation, episodeLengthS, n, actionScale, actionClip, pd, init,
                command, rewards, terminations, observations, randomization);
    }

    private static double nonNegative(Config c, String path, String key) {
        double v = ConfigKeys.number(c, path, key);
        if (v < 0) {
            throw new IllegalArgumentException(path + "." + key + " = " + v + ": expected a number >= 0");
        }
        return v;
    }

    private static List<Double> nonNegative(List<Double> v, String path) {
        if (v.stream().anyMatch(x -> x < 0)) {
            throw new IllegalArgumentException(path + " = " + v + ": expected numbers >= 0");
        }
        return v;
    }
}
