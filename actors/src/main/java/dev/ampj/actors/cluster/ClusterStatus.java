package dev.ampj.actors.cluster;

import dev.ampj.actors.wire.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * What `amp cluster status` shows, seen from one member: the members with their roles, status and
 * reachability, and each sim node's shards and last rollout (asked of its {@link ShardHost}).
 */
public final class ClusterStatus {

    private ClusterStatus() {}

    /** One member as this node sees it. */
    public record MemberView(String address, List<String> roles, String status, boolean reachable) implements CborSerializable {}

    /** The cluster as seen from one member. */
    public record View(String seenFrom, List<MemberView> members, List<ShardHost.HostStatus> simNodes) implements CborSerializable {}

    /** Gathers the view; a sim node that does not answer within {@code timeout} is left out of {@code simNodes}. */
    public static CompletionStage<View> of(ActorSystem<?> system, Duration timeout) {
        Cluster cluster = Cluster.get(system);
        List<MemberView> members = new ArrayList<>();
        java.util.Set<Member> unreachable = cluster.state().getUnreachable();
        for (Member m : cluster.state().getMembers()) {
            members.add(new MemberView(m.address().toString(), new ArrayList<>(new java.util.TreeSet<>(m.getRoles()))
                    .stream().filter(r -> !r.startsWith("dc-")).toList(), m.status().toString(), !unreachable.contains(m)));
        }
        members.sort(Comparator.comparing(MemberView::address));
        String self = cluster.selfMember().address().toString();
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        r -> Receptionist.find(ShardHost.KEY, r), timeout, system.scheduler())
                .thenCompose(listing -> {
                    List<CompletableFuture<ShardHost.HostStatus>> asks = new ArrayList<>();
                    for (ActorRef<ShardHost.Command> host : listing.getServiceInstances(ShardHost.KEY)) {
                        asks.add(AskPattern.<ShardHost.Command, ShardHost.HostStatus>ask(host, ShardHost.GetStatus::new, timeout,
                                system.scheduler()).toCompletableFuture().exceptionally(e -> null));
                    }
                    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> {
                        Map<String, ShardHost.HostStatus> sims = new TreeMap<>();
                        for (CompletableFuture<ShardHost.HostStatus> a : asks) {
                            ShardHost.HostStatus s = a.join();
                            if (s != null) {
                                sims.put(s.address(), s);
                            }
                        }
                        return new View(self, members, List.copyOf(sims.values()));
                    });
                });
    }
}
