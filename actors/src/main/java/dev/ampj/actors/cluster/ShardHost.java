package dev.ampj.actors.cluster;

import com.typesafe.config.Config;
import dev.ampj.actors.config.PipelineContext;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.config.RunVersions;
import dev.ampj.learner.HostCpu;
import dev.ampj.actors.config.ShardLayout;
import dev.ampj.actors.config.StreamChannels;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.RunLearnerSettings;
import dev.ampj.actors.learn.TrajectoryBufferActor;
import dev.ampj.actors.shard.LocalShards;
import dev.ampj.actors.shard.SimShard;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.actors.wire.CborSerializable;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.sim.wire.RunIds;
import io.aeron.Aeron;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The shard host of a sim node, registered with the Receptionist under {@link #KEY}. For each run it
 * is asked to, it builds the run's pipeline context from the run's configuration (sent as text) on
 * this node's media driver, and starts the SimShards it is given, each on its own thread. Shards stay
 * here until told to stop; their tensors go over Aeron UDP (θk in by multi-destination-cast,
 * trajectories out to the learner's endpoint).
 */
public final class ShardHost extends AbstractBehavior<ShardHost.Command> {

    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "amp-shard-host");

    /** Messages of a shard host. */
    public sealed interface Command {}

    /**
     * Start {@code shards} of run {@code run}. {@code policyControl} is the learner's control address
     * of the policy publication, {@code trajectoryEndpoint} its trajectory endpoint (both HOST:PORT).
     * {@code versions} and {@code threads} are the learner's (engine and library versions, CPU kernels,
     * native settings): a node whose own differ would simulate other bits and refuses.
     */
    public record StartShards(String run, String config, Map<String, String> versions, Map<String, String> threads, int[] shards,
            String policyControl, String trajectoryEndpoint, ActorRef<SimShard.ShardReady> coordinator,
            ActorRef<ShardPlacement.HostRefused> placement) implements Command, CborSerializable {}

    /** Hand {@code collect} to shard {@code shard} of {@code run}. */
    public record ToShard(String run, int shard, SimShard.Collect collect) implements Command, CborSerializable {}

    /** Stop {@code shards} of {@code run}; all of them when empty. */
    public record StopShards(String run, int[] shards) implements Command, CborSerializable {}

    /** Reply with what this host holds and how fast its last rollouts ran. */
    public record GetStatus(ActorRef<HostStatus> replyTo) implements Command, CborSerializable {}

    /** Shards held per run, and the last iteration's rollout on this node. */
    public record HostStatus(String address, Map<String, int[]> shards, long lastIteration, long lastEnvSteps,
            double lastRolloutMillis) implements CborSerializable {

        /** Env steps per second of the last iteration on this node (its shards run concurrently). */
        public double envStepsPerSecond() {
            return lastRolloutMillis <= 0 ? 0 : lastEnvSteps / (lastRolloutMillis / 1000.0);
        }
    }

    private record Published(String run, TrajectoryBufferActor.ShardPublished published) implements Command {}

    private record ShardStopped(String run, int shard, ActorRef<SimShard.Command> ref) implements Command {}

    /** One run's shards on this node. */
    private static final class RunShards {
        final PipelineContext pipeline;
        final TreeMap<Integer, ActorRef<SimShard.Command>> shards = new TreeMap<>();
        /** Forwards the shards' reports to the run's TrajectoryBufferActor and a copy to the host. */
        ActorRef<TrajectoryBufferActor.Command> reporter;

        RunShards(PipelineContext pipeline) {
            this.pipeline = pipeline;
        }
    }

    public static Behavior<Command> create(Components components, Aeron aeron, String bindHost) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            return new ShardHost(ctx, components, aeron, bindHost);
        });
    }

    private final Components components;
    private final Aeron aeron;
    private final String bindHost;
    private final TreeMap<String, RunShards> runs = new TreeMap<>();
    private long generation;
    private long lastIteration = -1;
    private long lastEnvSteps;
    private double lastRolloutMillis;

    private ShardHost(ActorContext<Command> ctx, Components components, Aeron aeron, String bindHost) {
        super(ctx);
        this.components = components;
        this.aeron = aeron;
        this.bindHost = bindHost;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(StartShards.class, this::onStart)
                .onMessage(ToShard.class, this::onToShard)
                .onMessage(StopShards.class, this::onStop)
                .onMessage(GetStatus.class, this::onStatus)
                .onMessage(Published.class, this::onPublished)
                .onMessage(ShardStopped.class, this::onShardStopped)
                .build();
    }

    private Behavior<Command> onStart(StartShards s) {
        RunShards run = runs.get(s.run());
        if (run == null) {
            try {
                run = new RunShards(pipeline(s));
            } catch (RuntimeException e) {
                getContext().getLog().error("cannot build the shards of run {}: {}", s.run(), e.getMessage());
                s.placement().tell(new ShardPlacement.HostRefused(getContext().getSystem().address().toString(), s.run(),
                        e.getMessage()));
                return this;
            }
            runs.put(s.run(), run);
        }
        for (int shard : s.shards()) {
            ActorRef<SimShard.Command> old = run.shards.remove(shard);
            if (old != null) {
                getContext().stop(old);
            }
            String name = "shard-" + actorName(s.run()) + "-" + shard + "-" + (generation++);
            ActorRef<SimShard.Command> ref = getContext().spawn(SimShard.create(run.pipeline, shard, s.coordinator()), name,
                    DispatcherSelector.fromConfig(LocalShards.DISPATCHER));
            getContext().watchWith(ref, new ShardStopped(s.run(), shard, ref));
            run.shards.put(shard, ref);
        }
        getContext().getLog().info("run {}: shards {} started here", s.run(), java.util.Arrays.toString(s.shards()));
        return this;
    }

    /** The run's pipeline as a sim node needs it: envs, dims, layout, and the UDP channels of both streams. */
    private PipelineContext pipeline(StartShards s) {
        Config config = RunConfig.parse(s.config(), s.run());
        EnvFactory envs = components.envs(config);
        LearnerSettings learner = RunLearnerSettings.of(config);
        String v = RunVersions.difference("engine/library versions", s.versions(), RunVersions.versions(envs));
        String t = RunVersions.difference("native settings", s.threads(), RunVersions.threads(envs, learner));
        if (v != null || t != null) {
            // "run has" = the learner's values, "this process" = this node's.
            throw new IllegalArgumentException("this node would simulate other bits than the learner: "
                    + (v != null ? v : "") + (v != null && t != null ? "; " : "") + (t != null ? t : ""));
        }
        String learnerCpu = RunVersions.otherCpu(s.versions(), HostCpu.model());
        if (learnerCpu != null) {
            // shards run the policy's inference in libtorch, whose kernels may round differently on another CPU model
            getContext().getLog().warn("run {}: this node's CPU '{}' is not the learner's '{}': its shards' actions may round"
                    + " differently, so the run is exact for this placement, not bit for bit what one host would compute",
                    s.run(), HostCpu.model(), learnerCpu);
        }
        TrainingSettings training = TrainingSettings.fromConfig(config);
        TransportSettings transport = TransportSettings.fromConfig(config);
        StreamChannels channels = DataPlane.simChannels(bindHost, s.policyControl(), s.trajectoryEndpoint());
        return new PipelineContext(s.run(), RunIds.of(s.run()), training, learner,
                PipelineContext.dimsOf(envs.spec()), envs, new ShardLayout(training.numEnvs(), training.shards()), aeron,
                transport, channels);
    }

    private Behavior<Command> onToShard(ToShard t) {
        RunShards run = runs.get(t.run());
        ActorRef<SimShard.Command> shard = run == null ? null : run.shards.get(t.shard());
        if (shard == null) {
            getContext().getLog().warn("run {}: no shard {} here; Collect of iteration {} dropped", t.run(), t.shard(),
                    t.collect().iteration());
            return this;
        }
        if (run.reporter == null) {
            run.reporter = getContext().spawnAnonymous(reporter(t.run(), t.collect().buffer(), getContext().getSelf()));
        }
        SimShard.Collect c = t.collect();
        shard.tell(new SimShard.Collect(c.iteration(), c.startStep(), c.restoreState(), run.reporter));
        return this;
    }

    /** The shards' reports go through here (for `amp cluster status`) on their way to the run's buffer. */
    private static Behavior<TrajectoryBufferActor.Command> reporter(String run, ActorRef<TrajectoryBufferActor.Command> buffer,
            ActorRef<Command> host) {
        return Behaviors.receiveMessage(m -> {
            buffer.tell(m);
            if (m instanceof TrajectoryBufferActor.ShardPublished p) {
                host.tell(new Published(run, p));
            }
            return Behaviors.same();
        });
    }

    private Behavior<Command> onPublished(Published p) {
        TrajectoryBufferActor.ShardPublished sp = p.published();
        RunShards run = runs.get(p.run());
        if (sp.iteration() != lastIteration) {
            lastIteration = sp.iteration();
            lastEnvSteps = 0;
            lastRolloutMillis = 0;
        }
        if (run != null) {
            lastEnvSteps += (long) run.pipeline.layout().count(sp.shard()) * run.pipeline.training().horizon();
        }
        lastRolloutMillis = Math.max(lastRolloutMillis, sp.simMillis());
        return this;
    }

    private Behavior<Command> onStop(StopShards s) {
        RunShards run = runs.get(s.run());
        if (run == null) {
            return this;
        }
        if (s.shards().length == 0) {
            run.shards.values().forEach(getContext()::stop);
            if (run.reporter != null) {
                getContext().stop(run.reporter);
            }
            runs.remove(s.run());
            return this;
        }
        for (int shard : s.shards()) {
            ActorRef<SimShard.Command> ref = run.shards.remove(shard);
            if (ref != null) {
                getContext().stop(ref);
            }
        }
        return this;
    }

    private Behavior<Command> onShardStopped(ShardStopped s) {
        RunShards run = runs.get(s.run());
        if (run != null && s.ref().equals(run.shards.get(s.shard()))) {
            run.shards.remove(s.shard());
            getContext().getLog().error("run {}: shard {} stopped after exhausting its restarts", s.run(), s.shard());
        }
        return this;
    }

    private Behavior<Command> onStatus(GetStatus g) {
        Map<String, int[]> held = new TreeMap<>();
        runs.forEach((name, run) -> held.put(name, run.shards.keySet().stream().mapToInt(Integer::intValue).toArray()));
        g.replyTo().tell(new HostStatus(getContext().getSystem().address().toString(), held, lastIteration, lastEnvSteps,
                lastRolloutMillis));
        return this;
    }

    private static String actorName(String run) {
        return java.net.URLEncoder.encode(run, java.nio.charset.StandardCharsets.UTF_8);
    }
}
