package dev.ampj.actors.cluster;

import dev.ampj.actors.shard.ShardDirectory;
import dev.ampj.actors.shard.SimShard;
import dev.ampj.actors.wire.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Places one run's env blocks (shards) on the sim nodes' {@link ShardHost}s, found through the
 * Receptionist, and routes the coordinator's commands to them. A node that leaves (unreachable,
 * downed by the split-brain resolver, or stopped) loses its shards to the survivors at once: the
 * coordinator is told they move and re-sends them the iteration with its iteration-start state, as
 * for a restarted shard. A node that joins takes shards at the next iteration boundary (round robin
 * over all nodes; moved shards also restart from their iteration-start state). Lives on the learner
 * node as a child of the IterationCoordinator.
 */
public final class ShardPlacement extends AbstractBehavior<ShardPlacement.Command> {

    /** Messages of the placement. */
    public sealed interface Command {}

    record Route(int shard, SimShard.Collect collect) implements Command {}

    record Boundary() implements Command {}

    record MovingSeen(int[] shards) implements Command {}

    private record Listed(Receptionist.Listing listing) implements Command {}

    private record HostGone(String address) implements Command {}

    private record NoSimNode() implements Command {}

    /** A host refused the run: it would compute other bits (versions or native settings differ). */
    public record HostRefused(String address, String run, String reason) implements Command, CborSerializable {}

    /** What the placement needs of the run. */
    record Run(String name, String config, Map<String, String> versions, Map<String, String> threads, int shards, String policyControl, String trajectoryEndpoint, Duration noSimTimeout,
            ActorRef<SimShard.ShardReady> ready, ActorRef<ShardDirectory.ShardsMoving> moving) {}

    static Behavior<Command> create(Run run) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ShardPlacement(ctx, timers, run)));
    }

    private final Run run;
    private final TimerScheduler<Command> timers;
    private final TreeMap<String, ActorRef<ShardHost.Command>> hosts = new TreeMap<>();
    /** Hosts that refused this run; never used for it again. */
    private final java.util.TreeSet<String> refused = new java.util.TreeSet<>();
    /** Address of the host of each shard; null while unplaced. */
    private final String[] placement;
    private boolean rebalance;
    /** Moves of each shard the coordinator has not yet seen: its commands for the shard until then are stale. */
    private final int[] stale;

    private ShardPlacement(ActorContext<Command> ctx, TimerScheduler<Command> timers, Run run) {
        super(ctx);
        this.run = run;
        this.timers = timers;
        this.placement = new String[run.shards()];
        this.stale = new int[run.shards()];
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(ShardHost.KEY,
                ctx.messageAdapter(Receptionist.Listing.class, Listed::new)));
        timers.startSingleTimer(NoSimNode.class, new NoSimNode(), run.noSimTimeout());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Listed.class, this::onListed)
                .onMessage(HostGone.class, g -> lost(g.address()))
                .onMessage(HostRefused.class, this::onRefused)
                .onMessage(Route.class, this::onRoute)
                .onMessage(Boundary.class, b -> onBoundary())
                .onMessage(MovingSeen.class, this::onMovingSeen)
                .onMessage(NoSimNode.class, this::onNoSimNode)
                .onSignal(PostStop.class, s -> onStop())
                .build();
    }

    private Behavior<Command> onListed(Listed l) {
        TreeMap<String, ActorRef<ShardHost.Command>> now = new TreeMap<>();
        for (ActorRef<ShardHost.Command> ref : l.listing().getServiceInstances(ShardHost.KEY)) {
            if (!refused.contains(ref.path().address().toString())) {
                now.put(ref.path().address().toString(), ref);
            }
        }
        for (String gone : new ArrayList<>(hosts.keySet())) {
            if (!now.containsKey(gone)) {
                lost(gone);
            }
        }
        boolean joined = false;
        for (Map.Entry<String, ActorRef<ShardHost.Command>> e : now.entrySet()) {
            if (!hosts.containsKey(e.getKey())) {
                // A node seen again after being unreachable may still hold shards of this run: clear them.
                e.getValue().tell(new ShardHost.StopShards(run.name(), new int[0]));
                hosts.put(e.getKey(), e.getValue());
                getContext().watchWith(e.getValue(), new HostGone(e.getKey()));
                joined = true;
            }
        }
        if (hosts.isEmpty()) {
            return this;
        }
        timers.cancel(NoSimNode.class);
        int[] unplaced = unplaced();
        if (unplaced.length > 0) {
            place(unplaced, ShardAssignment.spread(unplaced, List.copyOf(hosts.keySet())));
        } else if (joined) {
            rebalance = true;
        }
        return this;
    }

    private int[] unplaced() {
        return java.util.stream.IntStream.range(0, placement.length).filter(s -> placement[s] == null).toArray();
    }

    /** A host left: its shards go to the survivors now (the iteration in flight needs them). */
    private Behavior<Command> lost(String address) {
        if (hosts.remove(address) == null) {
            return this;
        }
        int[] moved = java.util.stream.IntStream.range(0, placement.length).filter(s -> address.equals(placement[s])).toArray();
        for (int s : moved) {
            placement[s] = null;
        }
        getContext().getLog().warn("run {}: sim node {} left; its shards {} move to {}", run.name(), address,
                Arrays.toString(moved), hosts.isEmpty() ? "the next sim node that joins" : hosts.keySet());
        if (moved.length == 0) {
            return this;
        }
        tellMoving(moved);
        if (!hosts.isEmpty()) {
            place(moved, ShardAssignment.spread(moved, List.copyOf(hosts.keySet())));
        } else {
            timers.startSingleTimer(NoSimNode.class, new NoSimNode(), run.noSimTimeout());
        }
        return this;
    }

    /** Between iterations: after a join, spread all shards round robin over the nodes. */
    private Behavior<Command> onBoundary() {
        if (!rebalance || hosts.isEmpty()) {
            return this;
        }
        rebalance = false;
        String[] target = ShardAssignment.roundRobin(placement.length, List.copyOf(hosts.keySet()));
        int[] moved = java.util.stream.IntStream.range(0, placement.length).filter(s -> !target[s].equals(placement[s])).toArray();
        if (moved.length == 0) {
            return this;
        }
        TreeMap<String, List<Integer>> stops = new TreeMap<>();
        for (int s : moved) {
            stops.computeIfAbsent(placement[s], k -> new ArrayList<>()).add(s);
        }
        stops.forEach((host, shards) -> hosts.get(host).tell(new ShardHost.StopShards(run.name(), toArray(shards))));
        tellMoving(moved);
        String[] to = new String[moved.length];
        for (int i = 0; i < moved.length; i++) {
            to[i] = target[moved[i]];
        }
        getContext().getLog().info("run {}: shards {} move to the nodes that joined", run.name(), Arrays.toString(moved));
        place(moved, to);
        return this;
    }

    private void tellMoving(int[] moved) {
        for (int s : moved) {
            stale[s]++;
        }
        run.moving().tell(new ShardDirectory.ShardsMoving(moved));
    }

    private Behavior<Command> onMovingSeen(MovingSeen m) {
        for (int s : m.shards()) {
            stale[s]--;
        }
        return this;
    }

    private void place(int[] shards, String[] to) {
        TreeMap<String, List<Integer>> starts = new TreeMap<>();
        for (int i = 0; i < shards.length; i++) {
            placement[shards[i]] = to[i];
            starts.computeIfAbsent(to[i], k -> new ArrayList<>()).add(shards[i]);
        }
        starts.forEach((host, list) -> hosts.get(host).tell(new ShardHost.StartShards(run.name(), run.config(), run.versions(),
                run.threads(), toArray(list), run.policyControl(), run.trajectoryEndpoint(), run.ready(),
                getContext().getSelf().narrow())));
    }

    private Behavior<Command> onRoute(Route r) {
        if (stale[r.shard()] > 0) {
            return this; // sent before the coordinator saw the move: it re-sends with the iteration-start state
        }
        String host = placement[r.shard()];
        if (host == null) {
            getContext().getLog().warn("run {}: shard {} has no node; Collect of iteration {} waits for its re-placement",
                    run.name(), r.shard(), r.collect().iteration());
            return this;
        }
        hosts.get(host).tell(new ShardHost.ToShard(run.name(), r.shard(), r.collect()));
        return this;
    }

    private Behavior<Command> onRefused(HostRefused r) {
        if (!r.run().equals(run.name())) {
            return this;
        }
        getContext().getLog().error("run {}: sim node {} cannot host its shards: {}", run.name(), r.address(), r.reason());
        refused.add(r.address());
        return lost(r.address());
    }

    private Behavior<Command> onNoSimNode(NoSimNode n) {
        if (hosts.isEmpty()) {
            throw new IllegalStateException("run " + run.name() + ": no sim node in the cluster for "
                    + ClusterConfig.PATH + ".no-sim-timeout = " + run.noSimTimeout());
        }
        return this;
    }

    private Behavior<Command> onStop() {
        for (ActorRef<ShardHost.Command> h : hosts.values()) {
            h.tell(new ShardHost.StopShards(run.name(), new int[0]));
        }
        return this;
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
