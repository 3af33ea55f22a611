package dev.ampj.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.testenv.PointMassComponents;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.ops.ChildJava;
import dev.ampj.ops.CliRun;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunLogReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner and two sim nodes as separate JVM processes (`amp node`) on 127.0.0.1, runs submitted
 * with `amp train --cluster` (and `amp resume|fork --cluster`): the digests equal the one-process
 * `amp train` of the same configuration and seed, also when a sim node is SIGKILLed mid-run and when
 * the two sim nodes' CPUs take different code paths (one restricted to AVX2 instructions).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterProcessTest {

    @TempDir
    static Path dir;

    private Path config;
    private List<IterationCommitted> local;
    private final List<Process> nodes = new ArrayList<>();

    @BeforeAll
    void trainLocally() throws IOException {
        CommandSupport.useComponents(new PointMassComponents());
        config = Files.writeString(dir.resolve("small.conf"), TestRuns.SMALL + "\namp.cluster.no-sim-timeout = 60s\n");
        String[] r = CliRun.run("train", "--config", config.toString(), "--iterations", "4", "--name", "c", "--runs-dir",
                dir.resolve("local").toString(), "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
        local = commits(dir.resolve("local"), "c");
        assertEquals(4, local.size());
    }

    @AfterAll
    void defaultComponents() {
        CommandSupport.useComponents(new dev.ampj.actors.api.DefaultComponents());
    }

    /** SIGTERM first: a node's shutdown hooks leave the cluster and delete its Aeron driver directory. */
    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process p : nodes) {
            p.destroy();
        }
        for (Process p : nodes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        nodes.clear();
    }

    private Process node(String role, int port, int seed, String name) throws IOException {
        return node(role, port, seed, name, java.util.Map.of());
    }

    /** {@code env}: variables the node's process gets besides this JVM's environment. */
    private Process node(String role, int port, int seed, String name, java.util.Map<String, String> env) throws IOException {
        List<String> args = new ArrayList<>(List.of("node", "--role", role, "--bind", "127.0.0.1:" + port,
                "--seed-nodes", "127.0.0.1:" + seed, "--config", config.toString()));
        if (role.equals("learner")) {
            args.addAll(List.of("--runs-dir", dir.resolve("cluster").toString()));
        }
        ProcessBuilder pb = ChildJava.processBuilder(List.of("-Xmx1g"), PointMassNodeMain.class, args)
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        nodes.add(p);
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Polls `amp cluster status --json` until exactly {@code members} members are listed, all Up. */
    private String awaitMembers(int learner, int members) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            String[] r = CliRun.run("cluster", "status", "--cluster", "127.0.0.1:" + learner, "--json");
            last = r[1] + r[2];
            if (r[0].equals("0") && count(r[1], "\"Up\"") == members && count(r[1], "\"status\"") == members) {
                return r[1];
            }
            Thread.sleep(500);
        }
        throw new AssertionError("cluster did not reach " + members + " members: " + last);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** The run's commits in log order (the cluster process tests share it). */
    static List<IterationCommitted> commits(Path runs, String run) {
        List<IterationCommitted> out = new ArrayList<>();
        try (RunLogReader r = new RunStore(StorageSettings.defaults(runs)).openReader(run)) {
            for (LogEntry e : r.readAll()) {
                if (e.event() instanceof IterationCommitted c) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private void assertSameDigests(List<IterationCommitted> actual) {
        assertEquals(local.size(), actual.size());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(local.get(i).policyDigest(), actual.get(i).policyDigest(), "policy of iteration " + (i + 1));
            assertEquals(local.get(i).discriminatorDigest(), actual.get(i).discriminatorDigest(), "discriminator of iteration " + (i + 1));
            assertEquals(local.get(i).statistics(), actual.get(i).statistics(), "statistics of iteration " + (i + 1));
        }
    }

    @Test
    void whatCannotRunOverTheClusterSaysSo() {
        String[] r = CliRun.run("replay", "c", "--verify", "--cluster", "127.0.0.1:1", "--runs-dir", dir.toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--runs-dir does not apply with --cluster"), r[2]);
        r = CliRun.run("train", "--cluster", "127.0.0.1:1", "--name", "e", "--eval-every", "-1");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--eval-every must be >= 0"), r[2]);
    }

    @Test
    void threeJvmsTrainLikeOneAndASigkilledSimNodeChangesNoDigest() throws Exception {
        int l = freePort();
        node("learner", l, l, "learner");
        // Two sim hosts on different CPU code paths: sim1 as on a host without AVX-512 (MKL restricted to
        // AVX2 instructions), sim2 with this machine's AVX-512. With the kernels pinned (MKL_CBWR=AVX2,
        // ATEN_CPU_CAPABILITY=avx2) placement across them changes no bit.
        node("sim", freePort(), l, "sim1", java.util.Map.of("MKL_ENABLE_INSTRUCTIONS", "AVX2"));
        int victimPort = freePort();
        Process victim = node("sim", victimPort, l, "sim2");
        String status = awaitMembers(l, 3);
        assertTrue(status.contains("\"learner\"") && count(status, "\"sim\"") == 2, status);

        String[] r = CliRun.run("train", "--cluster", "127.0.0.1:" + l, "--config", config.toString(), "--name", "c",
                "--iterations", "4", "--no-progress");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("4"), "the table shows the iterations: " + r[1]);
        assertSameDigests(commits(dir.resolve("cluster"), "c"));

        // Train to 2, then `amp resume --cluster` to 4: the same digests as one local run to 4.
        r = CliRun.run("train", "--cluster", "127.0.0.1:" + l, "--config", config.toString(), "--name", "r",
                "--iterations", "2", "--no-progress");
        assertEquals("0", r[0], r[2]);
        r = CliRun.run("resume", "r", "--cluster", "127.0.0.1:" + l, "--iterations", "4", "--no-progress");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("resuming run r on cluster"), r[2]);
        assertSameDigests(commits(dir.resolve("cluster"), "r"));

        // `amp fork --cluster` of r at 2 with a change: the same digests as the local `amp fork` of c at 2 with it.
        String set = "amp.learner.discriminator.learning-rate=2.0e-4";
        r = CliRun.run("fork", "r", "--at", "2", "--set", set, "--name", "rf", "--iterations", "4",
                "--cluster", "127.0.0.1:" + l, "--no-progress");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("forking r at iteration 2 as run rf on cluster"), r[2]);
        r = CliRun.run("fork", "c", "--at", "2", "--set", set, "--name", "cf", "--iterations", "4",
                "--runs-dir", dir.resolve("local").toString(), "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
        List<IterationCommitted> localFork = commits(dir.resolve("local"), "cf");
        List<IterationCommitted> clusterFork = commits(dir.resolve("cluster"), "rf");
        assertEquals(2, localFork.size());
        assertEquals(localFork.size(), clusterFork.size());
        for (int i = 0; i < localFork.size(); i++) {
            assertEquals(localFork.get(i).iteration(), clusterFork.get(i).iteration());
            assertEquals(localFork.get(i).policyDigest(), clusterFork.get(i).policyDigest(), "fork's policy " + i);
            assertEquals(localFork.get(i).discriminatorDigest(), clusterFork.get(i).discriminatorDigest(), "fork's discriminator " + i);
        }
        assertTrue(!local.get(2).discriminatorDigest().equals(clusterFork.get(0).discriminatorDigest()), "the change applies");

        // Same again; one sim JVM is SIGKILLed as soon as iteration 1 is committed, i.e. while the
        // learner runs iteration 2 (the next iteration opens right after a commit).
        java.util.concurrent.atomic.AtomicLong committedAtKill = new java.util.concurrent.atomic.AtomicLong(-1);
        Path runs = dir.resolve("cluster");
        Thread killer = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                try {
                    if (Files.exists(runs.resolve("k")) && !commits(runs, "k").isEmpty()) {
                        victim.destroyForcibly(); // SIGKILL: no leave, no shutdown hook
                        committedAtKill.set(commits(runs, "k").size());
                        return;
                    }
                } catch (RuntimeException notYetReadable) {
                    // the run's log is being created
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        killer.start();
        r = CliRun.run("train", "--cluster", "127.0.0.1:" + l, "--config", config.toString(), "--name", "k",
                "--iterations", "4", "--no-progress");
        killer.join();
        assertEquals("0", r[0], r[2]);
        assertTrue(!victim.isAlive() && committedAtKill.get() >= 1 && committedAtKill.get() < 4,
                "the sim node was killed during the run, after " + committedAtKill.get() + " commits");
        // A SIGKILLed node leaves its driver directory; its next start under the same name would clear it.
        org.agrona.IoUtil.delete(java.nio.file.Path.of(dev.ampj.actors.transport.TransportSettings.defaultAeronDir("sim-" + victimPort)
                + "-" + victim.pid()).toFile(), true);
        List<IterationCommitted> k = commits(dir.resolve("cluster"), "k");
        assertSameDigests(k);
        for (IterationCommitted c : k) { // the recovery shows in the iteration that lost the node
            System.out.printf("run k iteration %d: %.0f ms, shard restarts %.0f%n", c.iteration(), c.stageMillis().get("iteration"),
                    c.stageMillis().get("shard_restarts"));
        }
        double restarts = k.stream().mapToDouble(c -> c.stageMillis().getOrDefault("shard_restarts", 0.0)).sum();
        assertTrue(restarts >= 0);
        // The split-brain resolver downs the killed node; it leaves the membership.
        String after = awaitMembers(l, 2);
        assertEquals(1, count(after, "\"sim\""), after);
    }
}
