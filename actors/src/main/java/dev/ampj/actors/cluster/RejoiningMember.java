package dev.ampj.actors.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;

/**
 * A sim node in the foreground ({@code amp node --role sim}): when the cluster removes it after it
 * was up, it starts a new member (new actor system and media driver on the same address) that joins
 * its seed nodes again. The case it is for: the learner node dies, the split-brain resolver
 * (keep-oldest on role learner) downs the sim nodes' side, and a learner restarted on the same
 * address must find its sim nodes without anyone restarting them; Pekko never lets a downed member
 * back in, only a new incarnation. A member that never got up (another cluster name or secret) is
 * not restarted: its next try would be refused alike.
 */
public final class RejoiningMember implements AutoCloseable {

    private final Supplier<ClusterNode> start;
    private final Consumer<String> log;
    private ClusterNode current;
    private boolean closed;

    /** {@code start} starts one incarnation; {@code log} is told when the node joins again. */
    public RejoiningMember(Supplier<ClusterNode> start, Consumer<String> log) {
        this.start = start;
        this.log = log;
    }

    /** Runs incarnations until {@link #close} or one that never got up ends. */
    public void run() {
        while (true) {
            ClusterNode node;
            synchronized (this) {
                if (closed) {
                    return;
                }
                node = start.get();
                current = node;
            }
            AtomicBoolean wasUp = new AtomicBoolean();
            Cluster.get(Adapter.toClassic(node.system())).registerOnMemberUp(() -> wasUp.set(true));
            node.system().getWhenTerminated().toCompletableFuture().join();
            node.close(); // its media driver
            synchronized (this) {
                if (closed || !wasUp.get()) {
                    return;
                }
            }
            log.accept("removed from the cluster (its learner node gone or unreachable); joining " + node.node().seeds()
                    + " again as a new member");
        }
    }

    /** Leaves the cluster and stops; {@link #run} returns. */
    @Override
    public void close() {
        ClusterNode node;
        synchronized (this) {
            closed = true;
            node = current;
        }
        if (node != null) {
            node.close();
        }
    }
}
