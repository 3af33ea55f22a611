package dev.ampj.ops.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampj.actors.cluster.ClusterClient;
import dev.ampj.actors.cluster.ClusterStatus;
import dev.ampj.actors.cluster.NodeAddress;
import dev.ampj.actors.cluster.ShardHost;
import dev.ampj.ops.config.ConfigOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amp cluster status}: members, roles, reachability, env blocks and speed per sim node. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Members, roles and reachability; the env blocks (shards) each sim node holds and its env steps/s in the last iteration.")
public final class ClusterStatusCommand implements Callable<Integer> {

    @Option(names = "--cluster", required = true, paramLabel = "HOST:PORT", description = "The learner node's address.")
    String cluster;

    @Option(names = "--json", description = "One JSON object instead of the tables.")
    boolean json;

    @Mixin
    ConfigOptions configOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NodeAddress learner = NodeAddress.parse(cluster, "--cluster");
        ClusterStatus.View view;
        try (ClusterClient client = ClusterClient.connect(learner, configOptions.load(), Duration.ofSeconds(10))) {
            view = client.status(Duration.ofSeconds(5));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(view));
        } else {
            out.printf("%-36s %-8s %-8s %s%n", "member", "roles", "status", "reachable");
            for (ClusterStatus.MemberView m : view.members()) {
                out.printf("%-36s %-8s %-8s %s%n", m.address(), String.join(",", m.roles()), m.status(), m.reachable() ? "yes" : "NO");
            }
            out.println();
            out.printf("%-36s %-24s %10s %14s %12s%n", "sim node", "env blocks (run: shards)", "iteration", "env steps/s", "rollout ms");
            for (ShardHost.HostStatus h : view.simNodes()) {
                out.printf("%-36s %-24s %10s %14.0f %12.1f%n", h.address(), blocks(h.shards()),
                        h.lastIteration() < 0 ? "-" : Long.toString(h.lastIteration()), h.envStepsPerSecond(), h.lastRolloutMillis());
            }
        }
        out.flush();
        return 0;
    }

    private static String blocks(Map<String, int[]> shards) {
        if (shards.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        shards.forEach((run, s) -> sb.append(sb.isEmpty() ? "" : " ").append(run).append(": ").append(Arrays.toString(s)));
        return sb.toString();
    }

    static String toJson(ClusterStatus.View view) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("seen_from", view.seenFrom());
        ArrayNode members = root.putArray("members");
        for (ClusterStatus.MemberView m : view.members()) {
            ObjectNode n = members.addObject();
            n.put("address", m.address());
            m.roles().forEach(n.putArray("roles")::add);
            n.put("status", m.status());
            n.put("reachable", m.reachable());
        }
        ArrayNode sims = root.putArray("sim_nodes");
        for (ShardHost.HostStatus h : view.simNodes()) {
            ObjectNode n = sims.addObject();
            n.put("address", h.address());
            ObjectNode blocks = n.putObject("env_blocks");
            h.shards().forEach((run, s) -> {
                ArrayNode a = blocks.putArray(run);
                Arrays.stream(s).forEach(a::add);
            });
            n.put("last_iteration", h.lastIteration());
            n.put("last_env_steps", h.lastEnvSteps());
            n.put("last_rollout_ms", h.lastRolloutMillis());
            n.put("env_steps_per_s", h.envStepsPerSecond());
        }
        return mapper.writeValueAsString(root);
    }
}
