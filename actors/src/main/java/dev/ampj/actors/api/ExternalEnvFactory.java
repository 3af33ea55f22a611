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
import dev.ampj.sim.gateway.ExternalVecEnv;
import dev.ampj.sim.gateway.GatewayClients;
import dev.ampj.sim.gateway.GatewaySettings;
import dev.ampj.sim.gateway.Hello;
import dev.ampj.sim.ostrich.OstrichMirror;
import dev.ampj.sim.task.EpisodeStarts;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code amp.sim.engine = external}: each shard's VecEnv is an external simulator connected through
 * the gateway ({@code amp.gateway}, docs/gateway-protocol.md), checked against the velocity task's
 * spec, so policy, critic and AMP rows mean what they mean for the embedded ostrich and the
 * reference motion's AMP states are computed by the same term registry. A client that declared
 * reference_state_reset starts each episode where the embedded engine would ({@link EpisodeStarts}).
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

    private final VecEnvSpec spec;
    private final GatewayClients clients;
    private final String motion;
    private final SimSettings sim;
    private final ReferenceStateSampler sampler;
    private final Config config;

    /** {@code sampler} (null when reference-state-init is 0) draws the reference states of the episode starts. */
    ExternalEnvFactory(Config config, SimSettings sim, String motionDigest, ReferenceStateSampler sampler) {
        this.sim = sim;
        this.sampler = sampler;
        this.config = config;
        GatewaySettings settings = GatewaySettings.fromConfig(config);
        this.spec = VelocityTaskVecEnvs.spec(sim, "external (gateway protocol " + Hello.PROTOCOL + ")");
        this.clients = GatewayClients.shared(settings, spec);
        this.motion = motionDigest;
    }

    @Override
    public VecEnvSpec spec() {
        return spec;
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
        EpisodeStarts starts = new EpisodeStarts(seed, sim, sampler);
        int[] ids = globalEnvIds.clone();
        return new ExternalVecEnv(link, spec, globalEnvIds, clients.settings().stepTimeout(), clients::release,
                (slot, episode, out, offset) -> starts.write(ids[slot], episode, out, offset));
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
        EpisodeStarts[] starts = new EpisodeStarts[m];
        java.util.Map<Double, EpisodeStarts> byCommand = new java.util.TreeMap<>();
        for (int e = 0; e < m; e++) {
            double c = commands[Math.min(e, commands.length - 1)];
            starts[e] = byCommand.computeIfAbsent(c, v -> new EpisodeStarts(seed, SimSettings.fromConfig(config
                    .withValue(COMMAND_KEY, ConfigValueFactory.fromIterable(List.of(v, v)))
                    .withValue(RSI_KEY, ConfigValueFactory.fromAnyRef(0.0))), null));
        }
        int[] ids = new int[m];
        java.util.Arrays.setAll(ids, i -> i);
        var link = clients.take(ids, seed);
        return Optional.of(new ExternalVecEnv(link, spec, ids, clients.settings().stepTimeout(), clients::release,
                (slot, episode, out, offset) -> starts[slot].write(slot, episode, out, offset)));
    }

    private static final String COMMAND_KEY = "amp.sim.command.lin-vel-x";
    private static final String RSI_KEY = "amp.sim.init.reference-state-init";

    @Override
    public Map<String, String> versions() {
        Hello first = clients.first();
        return Map.of(SIMULATOR, first.simulator() + " " + first.version(), RESUME, first.resume(),
                STARTS, first.referenceStateReset() ? PLATFORM_STARTS : CLIENT_STARTS, "reference-motion", motion);
    }

    @Override
    public Optional<EnvMirror> mirror() {
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
