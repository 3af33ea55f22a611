package dev.ampj.ops.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner node SIGKILLed mid-run (separate JVMs: learner node, sim node, the submitter in this
 * one): a learner started again on the same address and runs directory, the sim node joining it by
 * itself (downed with the dead learner, it joins its seeds again as a new member), and
 * `amp resume RUN --cluster` finishes the run with the digests of one uninterrupted local `amp train`.
 * Every wait has a limit and the node processes are killed afterwards: it cannot hang a build.
 */
class LearnerKillProcessTest {

    private static final int ITERATIONS = 6;

    @TempDir
    Path dir;

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process p : nodes) {
            p.destroy();
        }
        for (Process p : nodes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        nodes.clear();
        CommandSupport.useComponents(new dev.ampj.actors.api.DefaultComponents());
    }

    @Test
    void aLearnerKilledMidRunIsRestartedAndResumeEqualsTheUninterruptedLocalRun() {
        assertTimeoutPreemptively(Duration.ofMinutes(10), this::killRestartResume);
    }

    private void killRestartResume() throws Exception {
        CommandSupport.useComponents(new PointMassComponents());
        Path config = Files.writeString(dir.resolve("small.conf"), TestRuns.SMALL + "\namp.cluster.no-sim-timeout = 60s\n");
        int l = ClusterProcessTest.freePort();
        Process learner = node(config, "learner", l, l, "learner1"); // the nodes start while the local run trains
        node(config, "sim", ClusterProcessTest.freePort(), l, "sim");
        String[] r = CliRun.run("train", "--config", config.toString(), "--iterations", "" + ITERATIONS, "--name", "k",
                "--runs-dir", dir.resolve("local").toString(), "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
        List<IterationCommitted> local = ClusterProcessTest.commits(dir.resolve("local"), "k");
        assertEquals(ITERATIONS, local.size());

        awaitMembers(l, 2);
        Path runs = dir.resolve("cluster");
        CompletableFuture<String[]> first = CompletableFuture.supplyAsync(() -> CliRun.run("train", "--cluster", "127.0.0.1:" + l,
                "--config", config.toString(), "--name", "k", "--iterations", "" + ITERATIONS, "--no-progress", "--eval-every", "0"));
        // SIGKILL once iteration 3 is committed: the checkpoint is at 2, so the resume re-executes 3 (digests checked).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        int committedAtKill = -1;
        while (committedAtKill < 0 && System.nanoTime() < deadline && !first.isDone()) {
            int n = committedSoFar(runs, "k");
            if (n >= 3) {
                learner.destroyForcibly(); // SIGKILL: no leave, no shutdown hook, the run's log left as it was
                assertTrue(learner.waitFor(10, TimeUnit.SECONDS));
                committedAtKill = committedSoFar(runs, "k");
            } else {
                Thread.sleep(2);
            }
        }
        assertTrue(committedAtKill >= 3 && committedAtKill < ITERATIONS, "the learner was killed mid-run, after " + committedAtKill
                + " commits" + logs());
        // The submitter notices the learner's death and says how to continue.
        r = first.get(120, TimeUnit.SECONDS);
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].contains("the learner node stopped answering") && r[2].contains("amp resume k --cluster"), r[2]);

        // A new learner on the same address and runs directory; the sim node joins it without a restart.
        node(config, "learner", l, l, "learner2");
        awaitMembers(l, 2);
        assertTrue(Files.readString(dir.resolve("sim.log")).contains("joining [127.0.0.1:" + l + "] again as a new member"),
                Files.readString(dir.resolve("sim.log")));
        r = CliRun.run("resume", "k", "--cluster", "127.0.0.1:" + l, "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2] + logs());
        List<IterationCommitted> resumed = ClusterProcessTest.commits(runs, "k");
        assertEquals(ITERATIONS, resumed.size());
        for (int i = 0; i < ITERATIONS; i++) {
            assertEquals(local.get(i).policyDigest(), resumed.get(i).policyDigest(), "policy of iteration " + (i + 1));
            assertEquals(local.get(i).discriminatorDigest(), resumed.get(i).discriminatorDigest(), "discriminator of iteration " + (i + 1));
            assertEquals(local.get(i).statistics(), resumed.get(i).statistics(), "statistics of iteration " + (i + 1));
        }
    }

    private Process node(Path config, String role, int port, int seed, String name) throws IOException {
        List<String> args = new ArrayList<>(List.of("node", "--role", role, "--bind", "127.0.0.1:" + port,
                "--seed-nodes", "127.0.0.1:" + seed, "--config", config.toString()));
        if (role.equals("learner")) {
            args.addAll(List.of("--runs-dir", dir.resolve("cluster").toString()));
        }
        // A machine shared with other builds can take longer than the journal's default 10 s for a write.
        List<String> flags = List.of("-Dpekko.persistence.journal-plugin-fallback.circuit-breaker.call-timeout=60s", "-Xmx1g");
        Process p = ChildJava.processBuilder(flags, PointMassNodeMain.class, args)
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        nodes.add(p);
        return p;
    }

    /** The node processes' output, for a failure's message. */
    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                b.append("\n--- ").append(f.getFileName()).append(":\n").append(Files.readString(f));
            }
        }
        return b.toString();
    }


    /** Polls `amp cluster status --json` until exactly {@code members} members are listed, all Up. */
    private void awaitMembers(int learner, int members) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // a loaded machine starts a JVM slowly
        String last = "";
        while (System.nanoTime() < deadline) {
            String[] r = CliRun.run("cluster", "status", "--cluster", "127.0.0.1:" + learner, "--json");
            last = r[1] + r[2];
            if (r[0].equals("0") && count(r[1], "\"Up\"") == members && count(r[1], "\"status\"") == members) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("cluster did not reach " + members + " members: " + last + logs());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Commits in the run's log so far; 0 while the log is being created. */
    private static int committedSoFar(Path runs, String run) {
        try {
            return Files.exists(runs.resolve(run)) ? ClusterProcessTest.commits(runs, run).size() : 0;
        } catch (RuntimeException notYetReadable) {
            return 0;
        }
    }
}
