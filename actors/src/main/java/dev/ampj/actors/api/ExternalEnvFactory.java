package dev.ampj.actors.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.EnvMirror;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.gateway.DeclaredRobot;
import dev.ampj.sim.gateway.DeclaredRobotContract;
import dev.ampj.sim.gateway.EpisodeStartRows;
import dev.ampj.sim.gateway.ExternalVecEnv;
import dev.ampj.sim.gateway.GatewayClients;
import dev.ampj.sim.gateway.GatewaySettings;
import dev.ampj.sim.gateway.Hello;
import dev.ampj.sim.gateway.HelloContract;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.ostrich.OstrichMirror;
import dev.ampj.sim.task.DeclaredEpisodeStarts;
import dev.ampj.sim.task.EpisodeStarts;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import dev.ampj.sim.terms.FrameLayout;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code amp.sim.engine = external}: each shard's VecEnv is an external simulator connected through
 * the gateway ({@code amp.gateway}, docs/gateway-protocol.md), checked against the velocity task's
 * spec, so policy, critic and AMP rows mean what they mean for the embedded ostrich and the
 * reference motion's AMP states are computed by the same term registry. A client that declared
 * reference_state_reset starts each episode where the embedded engine would ({@link EpisodeStarts}).
 *
 * <p>Another {@code amp.sim.robot} is a robot its clients declare ({@link DeclaredRobot}): the first
 * client of a new run declares its joints, bodies, task groups and action width, {@link #configure}
 * records them in the run's configuration, and the reference motion is mapped onto its layout.
 */
final class ExternalEnvFactory implements EnvFactory {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExternalEnvFactory.class);

    /** Version keys a run records: the simulator, and whether its resume is exact. */
    static final String SIMULATOR = "external-simulator";
    static final String RESUME = "external-resume";
    /**
     * Version key: who starts the episodes. {@code platform}: the client declared reference_state_reset
     * and every episode starts where the embedded engine would start it (reference states included);
     * {@link #CLIENT_STARTS}: the client starts them itself, so reference-state-init is off for it.
     */
    static final String STARTS = "external-episode-starts";
    static final String PLATFORM_STARTS = "platform";
    static final String CLIENT_STARTS = "client (reference-state-init off)";

    /** Version key: the robot's layout, for a declared robot (its joints and bodies). */
    static final String ROBOT = "external-robot";

    private final GatewayClients clients;
    private final String motion;
    private final SimSettings sim;
    /**
     * The reference-state sampler over a robot's layout (null when reference-state-init is 0); maps the
     * reference motion onto the layout, so a file that lacks a joint of the robot fails here, naming both.
     */
    private final Function<FrameLayout, ReferenceStateSampler> samplers;
    private final Config config;
    /** Null for the built-in robot. */
    private final DeclaredRobotContract declared;

    /** {@code samplers} give the reference states of the episode starts over a robot's layout (null when reference-state-init is 0). */
    ExternalEnvFactory(Config config, SimSettings sim, String motionDigest, Function<FrameLayout, ReferenceStateSampler> samplers) {
        this.sim = sim;
        this.samplers = samplers;
        this.config = config;
        GatewaySettings settings = GatewaySettings.fromConfig(config);
        String engine = "external (gateway protocol " + Hello.PROTOCOL + ")";
        HelloContract contract;
        if (OstrichLayout.ROBOT.equals(sim.robot())) {
            this.declared = null;
            contract = HelloContract.fixed(VelocityTaskVecEnvs.spec(sim, engine));
        } else {
            this.declared = new DeclaredRobotContract(sim, engine, DeclaredRobot.fromRunConfig(config).orElse(null));
            contract = declared;
        }
        this.clients = GatewayClients.shared(settings, contract);
        this.motion = motionDigest;
    }

    /** The spec of the clients' robot: for a declared robot of a new run, once its first client declared it. */
    @Override
    public VecEnvSpec spec() {
        return clients.spec();
    }

    /** The layout reference motion is mapped onto: the ostrich's, or the declared robot's. */
    private FrameLayout layout() {
        if (declared == null) {
            return OstrichLayout.LAYOUT;
        }
        clients.spec();
        return ((DeclaredRobotContract) clients.contract()).robot().layout();
    }

    /** The episode starts of env {@code ids[slot]}, drawn with {@code settings} and {@code sampler}. */
    private EpisodeStartRows starts(long seed, SimSettings settings, ReferenceStateSampler sampler, int[] ids) {
        if (declared == null) {
            EpisodeStarts starts = new EpisodeStarts(seed, settings, sampler);
            return (slot, episode, out, offset) -> starts.write(ids[slot], episode, out, offset);
        }
        DeclaredEpisodeStarts starts = new DeclaredEpisodeStarts(seed, settings, sampler, layout());
        return EpisodeStartRows.ofWidth(starts.width(), (slot, episode, out, offset) -> starts.write(ids[slot], episode, out, offset));
    }

    /**
     * A new run's shard layout is the clients': waits for {@code amp.gateway.clients} of them and
     * sets {@code num-envs} to the sum of their envs and {@code shards} to their count; with a
     * client that has no snapshot/restore, {@code checkpoint-every = 1}.
     */
    @Override
    public Config configure(Config config) {
        int n = clients.settings().clients();
        List<Hello> hellos = clients.awaitAdmitted(n);
        int envs = hellos.get(0).numEnvs();
        for (Hello h : hellos) {
            if (h.numEnvs() != envs) {
                throw new IllegalArgumentException("external simulators declare " + hellos.stream().map(Hello::numEnvs).toList()
                        + " envs: every shard has the same number of envs, start them with the same --envs");
            }
        }
        Config out = config.withValue(TrainingSettings.PATH + ".num-envs", ConfigValueFactory.fromAnyRef(envs * n))
                .withValue(TrainingSettings.PATH + ".shards", ConfigValueFactory.fromAnyRef(n));
        if (declared != null) {
            DeclaredRobot robot = ((DeclaredRobotContract) clients.contract()).robot();
            out = robot.recordIn(out);
            samplers.apply(robot.layout()); // maps the reference motion onto the declared joints now: a mismatch fails before the run exists
        }
        if (hellos.stream().anyMatch(h -> !h.snapshot())) {
            // Without exact restore an iteration cannot be re-executed as logged: a checkpoint at every
            // commit lets resume continue from the last one instead of failing the re-execution check.
            out = out.withValue(TrainingSettings.PATH + ".checkpoint-every", ConfigValueFactory.fromAnyRef(1));
        }
        return out;
    }

    @Override
    public VecEnv create(long seed, int[] globalEnvIds) {
        var link = clients.take(globalEnvIds, seed);
        if (!link.hello().referenceStateReset() && sim.init().referenceStateInit() > 0) {
            LOG.warn("external simulator {} did not declare reference_state_reset: it starts its episodes itself, so"
                    + " amp.sim.init.reference-state-init = {} is off for env ids {}..{}", link.hello().simulator(),
                    sim.init().referenceStateInit(), globalEnvIds[0], globalEnvIds[globalEnvIds.length - 1]);
        }
        ReferenceStateSampler sampler = link.hello().referenceStateReset() ? samplers.apply(layout()) : null;
        EpisodeStartRows starts = link.hello().referenceStateReset()
                ? starts(seed, sim, sampler, globalEnvIds.clone()) : null;
        return new ExternalVecEnv(link, spec(), globalEnvIds, clients.settings().stepTimeout(), clients::release, starts);
    }

    /**
     * One client's envs (all it declares, at least {@code commands.length}), each episode started by
     * the platform from the default pose with its row's command: the evaluation sets each env's
     * speed through the episode starts, so the client must declare reference_state_reset.
     */
    @Override
    public Optional<VecEnv> evalEnvs(long seed, double[] commands) {
        Hello hello = clients.first();
        if (!hello.referenceStateReset()) {
            throw new IllegalArgumentException("external simulator " + hello.simulator() + " did not declare"
                    + " capabilities.reference_state_reset: amp eval sets each env's commanded speed through the episode"
                    + " starts it sends (docs/gateway-protocol.md), so it needs a client that takes them");
        }
        int m = hello.numEnvs();
        if (m < commands.length) {
            throw new IllegalArgumentException("amp eval --envs " + commands.length + " needs that many envs from the external"
                    + " simulator; the client at " + clients.settings().address() + " declares " + m
                    + " (start it with --envs " + commands.length + " or give amp eval --envs " + m + ")");
        }
        EpisodeStartRows[] starts = new EpisodeStartRows[m];
        java.util.Map<Double, EpisodeStartRows> byCommand = new java.util.TreeMap<>();
        int[] ids = new int[m];
        java.util.Arrays.setAll(ids, i -> i);
        for (int e = 0; e < m; e++) {
            double c = commands[Math.min(e, commands.length - 1)];
            starts[e] = byCommand.computeIfAbsent(c, v -> starts(seed, SimSettings.fromConfig(config
                    .withValue(COMMAND_KEY, ConfigValueFactory.fromIterable(List.of(v, v)))
                    .withValue(RSI_KEY, ConfigValueFactory.fromAnyRef(0.0))), null, ids));
        }
        var link = clients.take(ids, seed);
        return Optional.of(new ExternalVecEnv(link, spec(), ids, clients.settings().stepTimeout(), clients::release,
                EpisodeStartRows.ofWidth(starts[0].width(), (slot, episode, out, offset) -> starts[slot].write(slot, episode, out, offset))));
    }

    private static final String COMMAND_KEY = "amp.sim.command.lin-vel-x";
    private static final String RSI_KEY = "amp.sim.init.reference-state-init";

    @Override
    public Map<String, String> versions() {
        Hello first = clients.first();
        Map<String, String> v = new java.util.TreeMap<>(Map.of(SIMULATOR, first.simulator() + " " + first.version(),
                RESUME, first.resume(), STARTS, first.referenceStateReset() ? PLATFORM_STARTS : CLIENT_STARTS,
                "reference-motion", motion));
        if (declared != null) {
            FrameLayout l = layout();
            v.put(ROBOT, l.robot() + " joints " + l.jointNames() + " bodies " + l.bodyNames());
        }
        return Map.copyOf(v);
    }

    /** The ostrich's left/right mirror; a declared robot declares none. */
    @Override
    public Optional<EnvMirror> mirror() {
        if (declared != null) {
            return Optional.empty();
        }
        VecEnvSpec spec = spec();
        Optional<int[]> policy = OstrichMirror.map(spec.policy());
        Optional<int[]> critic = OstrichMirror.map(spec.critic());
        Optional<int[]> amp = OstrichMirror.map(spec.amp());
        if (policy.isEmpty() || critic.isEmpty() || amp.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EnvMirror(policy.get(), critic.get(), OstrichMirror.actionMap(), amp.get()));
    }

    @Override
    public Map<String, String> threads() {
        return Map.of();
    }
}
