package dev.ampj.sim.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.VecEnvSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * A client's HELLO (docs/gateway-protocol.md, "Handshake"), parsed from its JSON and checked against
 * the platform's env spec in the documented order; the first difference is a
 * {@link GatewayProtocolException} naming the field, the value received and the value expected.
 *
 * @param simulator     simulator name
 * @param version       simulator version
 * @param numEnvs       envs the client steps
 * @param actionLow     lowest action per dim (the platform clips to it before sending)
 * @param actionHigh    highest action per dim
 * @param snapshot      the client declared exact snapshot/restore
 * @param referenceStateReset the client starts episodes where the platform says (episode starts in STEP and RESET)
 */
public record Hello(String simulator, String version, int numEnvs, float[] actionLow, float[] actionHigh,
        boolean snapshot, boolean referenceStateReset) {

    public static final int PROTOCOL = 1;

    /** Parses and checks {@code payload} (UTF-8 JSON) against {@code spec} and {@code token}. */
    public static Hello parse(byte[] payload, VecEnvSpec spec, String token) {
        return check(json(payload), spec, token);
    }

    /** The HELLO's JSON; not JSON is a {@link GatewayProtocolException}. */
    public static Config json(byte[] payload) {
        try {
            return ConfigFactory.parseString(new String(payload, StandardCharsets.UTF_8),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        } catch (ConfigException e) {
            throw new GatewayProtocolException("HELLO is not valid JSON: " + e.getMessage());
        }
    }

    /** Checks {@code c} (a parsed HELLO) against {@code spec} and {@code token}, in the documented order. */
    public static Hello check(Config c, VecEnvSpec spec, String token) {
        try {
            checkProtocolAndToken(c, token);
            return checkFields(c, spec);
        } catch (ConfigException e) {
            throw new GatewayProtocolException("HELLO: " + e.getMessage());
        }
    }

    /** Check 1 (protocol, token): before anything else of the HELLO is looked at. */
    public static void checkProtocolAndToken(Config c, String token) {
        try {
            int protocol = c.getInt("protocol");
            if (protocol != PROTOCOL) {
                throw mismatch("protocol", protocol, PROTOCOL);
            }
            String sent = c.hasPath("token") ? c.getString("token") : "";
            if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                throw new GatewayProtocolException("HELLO token: bad token (amp.gateway.token differs)");
            }
        } catch (ConfigException e) {
            throw new GatewayProtocolException("HELLO: " + e.getMessage());
        }
    }

    private static Hello checkFields(Config c, VecEnvSpec spec) {
        String simulator = c.getString("simulator.name");
        String version = c.getString("simulator.version");
        String robot = c.getString("robot");
        if (!robot.equals(spec.robot())) {
            throw mismatch("robot", robot, spec.robot());
        }
        int numEnvs = c.getInt("num_envs");
        if (numEnvs < 1) {
            throw mismatch("num_envs", numEnvs, "at least 1");
        }
        group(c.getConfigList("observations.policy"), spec.policy(), "observations.policy");
        group(c.getConfigList("observations.critic"), spec.critic(), "observations.critic");
        group(c.getConfigList("amp"), spec.amp(), "amp (the AMP term registry's terms of amp.sim.observations.amp-terms)");
        List<String> rewards = c.getStringList("reward_terms");
        if (!rewards.equals(spec.rewardTerms())) {
            throw mismatch("reward_terms", rewards, spec.rewardTerms());
        }
        int actionDim = c.getInt("action.dim");
        if (actionDim != spec.actionDim()) {
            throw mismatch("action.dim", actionDim, spec.actionDim());
        }
        float[] low = floats(c.getDoubleList("action.low"), actionDim, "action.low");
        float[] high = floats(c.getDoubleList("action.high"), actionDim, "action.high");
        for (int i = 0; i < actionDim; i++) {
            if (!(low[i] < high[i])) {
                throw mismatch("action.low/high[" + i + "]", low[i] + " .. " + high[i], "low < high");
            }
        }
        double dt = c.getDouble("control_dt");
        if (Math.abs(dt - spec.controlDt()) > 1e-9) {
            throw mismatch("control_dt", dt, spec.controlDt() + " (amp.sim.dt x amp.sim.decimation)");
        }
        int maxSteps = c.getInt("max_episode_steps");
        if (maxSteps != spec.maxEpisodeSteps()) {
            throw mismatch("max_episode_steps", maxSteps, spec.maxEpisodeSteps() + " (amp.sim.episode-length-s / control dt)");
        }
        boolean snapshot = c.getBoolean("capabilities.snapshot");
        // absent: a client written against the first protocol text, which starts its episodes itself
        boolean reference = c.hasPath("capabilities.reference_state_reset") && c.getBoolean("capabilities.reference_state_reset");
        return new Hello(simulator, version, numEnvs, low, high, snapshot, reference);
    }

    private static void group(List<? extends Config> terms, ObsGroupSpec expected, String field) {
        List<String> got = terms.stream().map(t -> t.getString("name") + ":" + t.getInt("dim")).toList();
        List<String> want = expected.slices().stream().map(s -> s.term() + ":" + s.dim()).toList();
        if (!got.equals(want)) {
            throw mismatch(field + " (name:dim)", got, want);
        }
    }

    private static float[] floats(List<Double> values, int n, String field) {
        if (values.size() != n) {
            throw mismatch(field, values.size() + " values", n + " values (action.dim)");
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double v = values.get(i);
            if (!Double.isFinite(v)) {
                throw mismatch(field + "[" + i + "]", v, "a finite number");
            }
            out[i] = (float) v;
        }
        return out;
    }

    private static GatewayProtocolException mismatch(String field, Object got, Object expected) {
        return new GatewayProtocolException("HELLO " + field + ": got " + got + ", expected " + expected);
    }

    /** The exactness of a run's resume with this client: {@code exact} with snapshot/restore, else {@code approximate}. */
    public String resume() {
        return snapshot ? "exact" : "approximate";
    }
}
