package dev.ampj.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.testenv.PointMassComponents;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.ops.ChildJava;
import dev.ampj.ops.CliRun;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.event.IterationCommitted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three-JVM cluster across three network namespaces that the test creates (`ip netns`, veth pairs
 * on a bridge, addresses 10.213.N.1–3), so Artery and Aeron UDP cross a real, if virtual, network:
 * each node has its own address and loopback, and nothing reaches another node through 127.0.0.1.
 * The submitter (this JVM) reaches the learner through the bridge's address. The digests equal the
 * one-process `amp train`. Needs root (CAP_NET_ADMIN) and iproute2; skipped, saying why, without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetnsClusterProcessTest {

    private static final String[] ROLES = {"learner", "sim", "sim"};
    private static final int PORT = 25520;

    @TempDir
    static Path dir;

    private final long pid = ProcessHandle.current().pid();
    private final String subnet = "10.213." + (pid % 250 + 1) + ".";
    private final String bridge = "ab" + pid;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();
    private Path config;

    @BeforeAll
    void createNetwork() throws Exception {
        boolean root = "0".equals(output("id", "-u").trim());
        Assumptions.assumeTrue(root, "network namespaces need root (CAP_NET_ADMIN); this test runs as another user");
        String made = tryRun("ip", "link", "add", bridge, "type", "bridge");
        Assumptions.assumeTrue(made == null, "cannot create a bridge for the namespaces: " + made);
        run("ip", "addr", "add", subnet + "254/24", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        for (int i = 0; i < ROLES.length; i++) {
            String ns = "amp" + pid + "n" + i;
            String failed = tryRun("ip", "netns", "add", ns);
            Assumptions.assumeTrue(failed == null, "cannot create network namespace " + ns + ": " + failed);
            namespaces.add(ns);
            String outer = "av" + pid + "n" + i;
            String inner = "ap" + pid + "n" + i;
            run("ip", "link", "add", outer, "type", "veth", "peer", "name", inner);
            run("ip", "link", "set", inner, "netns", ns);
            run("ip", "link", "set", outer, "master", bridge, "up");
            run("ip", "-n", ns, "addr", "add", subnet + (i + 1) + "/24", "dev", inner);
            run("ip", "-n", ns, "link", "set", inner, "up");
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        CommandSupport.useComponents(new PointMassComponents());
        config = Files.writeString(dir.resolve("small.conf"), TestRuns.SMALL + "\namp.cluster.no-sim-timeout = 60s\n");
    }

    @AfterAll
    void removeNetwork() throws Exception {
        for (Process p : nodes) {
            p.destroy();
        }
        for (Process p : nodes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        for (String ns : namespaces) {
            tryRun("ip", "netns", "del", ns); // deletes the veth pair with it
        }
        tryRun("ip", "link", "del", bridge);
        CommandSupport.useComponents(new dev.ampj.actors.api.DefaultComponents());
    }

    @Test
    void threeNodesInThreeNetworkNamespacesTrainLikeOneProcess() throws Exception {
        String[] r = CliRun.run("train", "--config", config.toString(), "--iterations", "3", "--name", "c", "--runs-dir",
                dir.resolve("local").toString(), "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
        List<IterationCommitted> local = ClusterProcessTest.commits(dir.resolve("local"), "c");

        String learner = subnet + "1:" + PORT;
        for (int i = 0; i < ROLES.length; i++) {
            nodes.add(node(i, learner));
        }
        awaitMembers(learner, 3);
        r = CliRun.run("train", "--cluster", learner, "--config", config.toString(), "--name", "c", "--iterations", "3",
                "--no-progress");
        assertEquals("0", r[0], r[2] + "\n" + logs());
        List<IterationCommitted> cluster = ClusterProcessTest.commits(dir.resolve("cluster"), "c");
        assertEquals(3, local.size());
        assertEquals(local.size(), cluster.size());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(local.get(i).policyDigest(), cluster.get(i).policyDigest(), "policy of iteration " + (i + 1));
            assertEquals(local.get(i).discriminatorDigest(), cluster.get(i).discriminatorDigest(),
                    "discriminator of iteration " + (i + 1));
            assertEquals(local.get(i).statistics(), cluster.get(i).statistics(), "statistics of iteration " + (i + 1));
        }
        String status = CliRun.run("cluster", "status", "--cluster", learner, "--json")[1];
        for (int i = 0; i < ROLES.length; i++) {
            assertTrue(status.contains(subnet + (i + 1)), "member " + subnet + (i + 1) + " listed: " + status);
        }
    }

    /** Node {@code i} in namespace i, bound to its own address; the learner is the seed. */
    private Process node(int i, String seed) throws IOException {
        List<String> args = new ArrayList<>(List.of("node", "--role", ROLES[i], "--bind", subnet + (i + 1) + ":" + PORT,
                "--seed-nodes", seed, "--config", config.toString()));
        if (ROLES[i].equals("learner")) {
            args.addAll(List.of("--runs-dir", dir.resolve("cluster").toString()));
        }
        return ChildJava.processBuilder(List.of("ip", "netns", "exec", namespaces.get(i)), List.of("-Xmx1g"),
                        PointMassNodeMain.class, args)
                .redirectErrorStream(true).redirectOutput(dir.resolve("node" + i + ".log").toFile())
                .start(); // `ip netns exec` execs the JVM: this process is the node
    }

    private void awaitMembers(String learner, int members) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            String[] r = CliRun.run("cluster", "status", "--cluster", learner, "--json");
            last = r[1] + r[2];
            if (r[0].equals("0") && last.split("\"Up\"", -1).length - 1 == members) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("cluster did not reach " + members + " members: " + last + "\n" + logs());
    }

    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ROLES.length; i++) {
            Path log = dir.resolve("node" + i + ".log");
            if (Files.exists(log)) {
                String text = Files.readString(log);
                b.append("--- node ").append(i).append(" (").append(ROLES[i]).append(")\n")
                        .append(text, Math.max(0, text.length() - 3000), text.length()).append('\n');
            }
        }
        return b.toString();
    }

    private static void run(String... cmd) throws Exception {
        String failed = tryRun(cmd);
        if (failed != null) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + failed);
        }
    }

    /** Runs {@code cmd}; null when it exits 0, else its output and exit code. */
    private static String tryRun(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : out + " (exit " + p.exitValue() + ")";
    }

    private static String output(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
