package dev.ampj.ops.cluster;

import com.typesafe.config.Config;
import dev.ampj.actors.cluster.ClusterConfig;
import dev.ampj.actors.cluster.ClusterNode;
import dev.ampj.actors.cluster.NodeAddress;
import dev.ampj.actors.cluster.NodeRole;
import dev.ampj.actors.cluster.RejoiningMember;
import dev.ampj.ops.config.AmpConfig;
import dev.ampj.ops.config.ConfigOptions;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.train.CommandSupport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amp node}: one member of a training cluster, in the foreground until it leaves or is downed. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a cluster member: the learner (trains the runs submitted with `amp train --cluster`) or a sim node (hosts env blocks).")
public final class NodeCommand implements Callable<Integer> {

    @Option(names = "--role", required = true, paramLabel = "learner|sim", description = "learner or sim.")
    String role;

    @Option(names = "--bind", required = true, paramLabel = "HOST:PORT",
            description = "Address other members reach this one at (Artery TCP; the learner also uses UDP PORT+1 and PORT+2 for Aeron).")
    String bind;

    @Option(names = "--seed-nodes", required = true, paramLabel = "HOST:PORT,...",
            description = "Members to join through (the learner's address; the learner lists its own to start the cluster).")
    String seeds;

    @Mixin
    RunsDirOption runsDir;

    @Mixin
    ConfigOptions configOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NodeRole r = NodeRole.parse(role);
        NodeAddress address = NodeAddress.parse(bind, "--bind");
        List<NodeAddress> seedNodes = Arrays.stream(seeds.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> NodeAddress.parse(s, "--seed-nodes")).toList();
        Config app = AmpConfig.withRunsDir(configOptions.load(), runsDir.get());
        Path runs = r == NodeRole.LEARNER ? CommandSupport.store(app, runsDir.get()).settings().runsDir() : null;
        PrintWriter err = spec.commandLine().getErr();
        ClusterConfig.Node member = new ClusterConfig.Node(r, address, seedNodes, runs);
        if (r == NodeRole.SIM) {
            // A sim node outlives its learner: downed with it, it joins the seeds again as a new member.
            RejoiningMember sim = new RejoiningMember(() -> started(ClusterNode.start(member, app, CommandSupport.components()), err),
                    line -> println(err, "amp: sim node " + address + " " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "amp-node-shutdown"));
            sim.run();
        } else {
            ClusterNode node = started(ClusterNode.start(member, app, CommandSupport.components()), err);
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "amp-node-shutdown"));
            node.system().getWhenTerminated().toCompletableFuture().join();
        }
        println(err, "amp: node " + address + " left the cluster");
        return 1;
    }

    private static ClusterNode started(ClusterNode node, PrintWriter err) {
        ClusterConfig.Node n = node.node();
        println(err, "amp: " + n.role().roleName() + " node " + node.system().address() + " joining " + n.seeds()
                + (n.runsDir() != null ? "; runs in " + n.runsDir().toAbsolutePath().normalize() : ""));
        return node;
    }

    private static void println(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }
}
