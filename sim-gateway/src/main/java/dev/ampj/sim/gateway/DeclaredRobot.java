package dev.ampj.sim.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import dev.ampj.sim.terms.FrameLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A robot that only its external simulator knows (docs/gateway-protocol.md, "Declared robots"): the
 * HELLO of a client whose {@code robot} is not a built-in one declares its joints and bodies (the
 * layout reference motion is mapped onto by name and the AMP term registry computes the expert's
 * AMP states with), its task's observation groups, reward terms and action width. The first client
 * of a new run declares it; the run records it at {@link #PATH}, and every later client (resume,
 * fork, replay, eval, another shard) must declare the same.
 *
 * @param name            robot name ({@code amp.sim.robot})
 * @param joints          actuated joints in action / observation / episode-start order
 * @param bodies          rigid bodies, the root first
 * @param defaultJointPos the pose {@code joint_pos_rel} subtracts and default-pose episodes start from (zeros when not declared)
 * @param policy          the task's policy group (names and dims as declared)
 * @param critic          the task's critic group
 * @param rewardTerms     the task's reward terms
 * @param actionDim       floats per action
 */
public record DeclaredRobot(String name, List<String> joints, List<String> bodies, double[] defaultJointPos,
        ObsGroupSpec policy, ObsGroupSpec critic, List<String> rewardTerms, int actionDim) {

    /** Where a run records the declaration. */
    public static final String PATH = "amp.sim.declared-robot";

    public DeclaredRobot {
        joints = List.copyOf(joints);
        bodies = List.copyOf(bodies);
        defaultJointPos = defaultJointPos.clone();
        rewardTerms = List.copyOf(rewardTerms);
    }

    /** The declaration in a HELLO; a missing or inconsistent field is a {@link GatewayProtocolException} naming it. */
    public static DeclaredRobot fromHello(Config hello) {
        try {
            String robot = hello.getString("robot");
            if (!hello.hasPath("joints") || !hello.hasPath("bodies")) {
                throw new GatewayProtocolException("HELLO robot \"" + robot + "\" is not built in, so the HELLO declares it:"
                        + " joints and bodies (names) are required (docs/gateway-protocol.md, \"Declared robots\")");
            }
            List<String> joints = names(hello.getStringList("joints"), "joints");
            List<String> bodies = names(hello.getStringList("bodies"), "bodies");
            if (bodies.isEmpty()) {
                throw new GatewayProtocolException("HELLO bodies: empty; at least the root body is needed");
            }
            double[] pose = new double[joints.size()];
            if (hello.hasPath("default_joint_pos")) {
                List<Double> q = hello.getDoubleList("default_joint_pos");
                if (q.size() != joints.size()) {
                    throw new GatewayProtocolException("HELLO default_joint_pos: got " + q.size() + " values, expected "
                            + joints.size() + " (one per joint)");
                }
                for (int j = 0; j < pose.length; j++) {
                    pose[j] = q.get(j);
                    if (!Double.isFinite(pose[j])) {
                        throw new GatewayProtocolException("HELLO default_joint_pos[" + j + "]: got " + pose[j] + ", expected a finite number");
                    }
                }
            }
            int actionDim = hello.getInt("action.dim");
            if (actionDim < 1) {
                throw new GatewayProtocolException("HELLO action.dim: got " + actionDim + ", expected at least 1");
            }
            return new DeclaredRobot(robot, joints, bodies, pose, group(hello.getConfigList("observations.policy"), "policy"),
                    group(hello.getConfigList("observations.critic"), "critic"), hello.getStringList("reward_terms"), actionDim);
        } catch (ConfigException e) {
            throw new GatewayProtocolException("HELLO: " + e.getMessage());
        }
    }

    /** The declaration a run recorded, if its robot is a declared one. */
    public static java.util.Optional<DeclaredRobot> fromRunConfig(Config config) {
        if (!config.hasPath(PATH)) {
            return java.util.Optional.empty();
        }
        Config c = config.getConfig(PATH);
        return java.util.Optional.of(new DeclaredRobot(c.getString("name"), c.getStringList("joints"), c.getStringList("bodies"),
                c.getDoubleList("default-joint-pos").stream().mapToDouble(Double::doubleValue).toArray(),
                group(c.getConfigList("policy"), "policy"), group(c.getConfigList("critic"), "critic"),
                c.getStringList("reward-terms"), c.getInt("action-dim")));
    }

    /** {@code config} with this declaration recorded at {@link #PATH}. */
    public Config recordIn(Config config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("joints", joints);
        m.put("bodies", bodies);
        m.put("default-joint-pos", Arrays.stream(defaultJointPos).boxed().toList());
        m.put("policy", terms(policy));
        m.put("critic", terms(critic));
        m.put("reward-terms", rewardTerms);
        m.put("action-dim", actionDim);
        return config.withValue(PATH, ConfigValueFactory.fromMap(m));
    }

    /** The layout reference motion is mapped onto and AMP terms are computed over. */
    public FrameLayout layout() {
        return new FrameLayout(name, joints, bodies, defaultJointPos);
    }

    /** Floats of one episode-start row for this robot (docs/gateway-protocol.md, "Episode starts"). */
    public int startWidth() {
        return 13 + 2 * joints.size();
    }

    /**
     * The env spec of this robot under {@code sim}: the declared task groups, and the AMP group that
     * {@code amp.sim.observations.amp-terms} resolves to over this robot's layout in the term registry.
     */
    public VecEnvSpec spec(SimSettings sim, String engine) {
        AmpObservation amp;
        try {
            amp = AmpTermRegistry.resolve(sim.observations().ampTerms(), sim.observations().keyBodies(), layout());
        } catch (IllegalArgumentException e) {
            throw new GatewayProtocolException("HELLO joints/bodies of robot " + name + " do not fit "
                    + SimSettings.PATH + ".observations (amp-terms " + sim.observations().ampTerms() + ", key-bodies "
                    + sim.observations().keyBodies() + "): " + e.getMessage());
        }
        ObsGroupSpec ampGroup = ObsGroupSpec.of("amp", amp.termNames(), amp.termNames().stream().map(amp::dimOf).toList());
        return new VecEnvSpec(name, engine, actionDim, policy, critic, ampGroup, rewardTerms, sim.controlDt(),
                sim.maxEpisodeSteps(), sim.digest());
    }

    /** The first field where {@code other} (a later client's declaration) differs from this one, or null. */
    public String difference(DeclaredRobot other) {
        Object[][] fields = {{"joints", joints, other.joints}, {"bodies", bodies, other.bodies},
            {"default_joint_pos", Arrays.toString(defaultJointPos), Arrays.toString(other.defaultJointPos)},
            {"observations.policy", terms(policy), terms(other.policy)}, {"observations.critic", terms(critic), terms(other.critic)},
            {"reward_terms", rewardTerms, other.rewardTerms}, {"action.dim", actionDim, other.actionDim}};
        for (Object[] f : fields) {
            if (!f[1].equals(f[2])) {
                return "HELLO " + f[0] + " of robot " + name + ": got " + f[2] + ", expected " + f[1] + " (as the run's first client declared it)";
            }
        }
        return null;
    }

    private static List<String> names(List<String> names, String field) {
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.isBlank() || names.subList(0, i).contains(n)) {
                throw new GatewayProtocolException("HELLO " + field + ": " + (n.isBlank() ? "a blank name" : "'" + n + "' twice")
                        + " in " + names);
            }
        }
        return names;
    }

    private static ObsGroupSpec group(List<? extends Config> terms, String name) {
        List<String> names = new ArrayList<>();
        List<Integer> dims = new ArrayList<>();
        for (Config t : terms) {
            int dim = t.getInt("dim");
            if (dim < 1) {
                throw new GatewayProtocolException("HELLO observations." + name + " term " + t.getString("name") + ": dim " + dim
                        + ", expected at least 1");
            }
            names.add(t.getString("name"));
            dims.add(dim);
        }
        if (names.isEmpty()) {
            throw new GatewayProtocolException("HELLO observations." + name + ": no terms");
        }
        return ObsGroupSpec.of(name, names, dims);
    }

    private static List<Map<String, Object>> terms(ObsGroupSpec group) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ObsGroupSpec.Slice s : group.slices()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", s.term());
            t.put("dim", s.dim());
            out.add(t);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeclaredRobot r && name.equals(r.name) && difference(r) == null;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + joints.hashCode();
    }
}
