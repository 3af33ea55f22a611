package dev.ampj.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.ampj.actors.api.DefaultComponents;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.eval.PolicyEvaluator;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.PointMassComponents;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner and sim nodes as separate actor systems in one JVM on 127.0.0.1 (own Artery ports, own
 * media drivers): shards on the sim nodes, θk by UDP multi-destination-cast, trajectories by UDP
 * unicast. Every digest equals the one-process run of the same configuration and seed, also when a
 * sim node leaves mid-run or one joins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTrainingTest {

    @TempDir
    Path runs;

    private List<IterationCommitted> baseline;
    private Path local;
    private final List<ClusterNode> nodes = new ArrayList<>();

    @BeforeAll
    void trainLocally(@TempDir Path local) {
        this.local = local;
        TestRuns.Recorder rec = new TestRuns.Recorder();
        RunOutcome o = TestRuns.trainer(local).train(TestRuns.config(""), "c", new Trainer.Options(null, null, rec)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        baseline = rec.committed;
        assertEquals(4, baseline.size());
    }

    @AfterEach
    void stopNodes() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
    }

    static Config app() {
        return TestRuns.config("amp.cluster.no-sim-timeout = 30s");
    }

    private ClusterNode start(NodeRole role, int port, int seedPort) {
        ClusterNode n = ClusterNode.start(new ClusterConfig.Node(role, new NodeAddress("127.0.0.1", port),
                List.of(new NodeAddress("127.0.0.1", seedPort)), runs), app(), new PointMassComponents());
        nodes.add(n);
        return n;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void awaitUp(ClusterNode learner, int members) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (upMembers(learner) < members) {
            assertTrue(System.nanoTime() < deadline, "cluster did not reach " + members + " members: " + upMembers(learner));
            Thread.sleep(100);
        }
    }

    static int upMembers(ClusterNode n) {
        int up = 0;
        for (org.apache.pekko.cluster.Member m : Cluster.get(n.system()).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                up++;
            }
        }
        return up;
    }

    private Trainer trainer(ClusterNode learner) {
        return new Trainer(new PointMassComponents(), new RunStore(StorageSettings.defaults(runs)), learner);
    }

    private static void assertSameDigests(List<IterationCommitted> expected, List<IterationCommitted> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).policyDigest(), actual.get(i).policyDigest(), "policy of iteration " + (i + 1));
            assertEquals(expected.get(i).discriminatorDigest(), actual.get(i).discriminatorDigest(),
                    "discriminator of iteration " + (i + 1));
            assertEquals(expected.get(i).statistics(), actual.get(i).statistics(), "statistics of iteration " + (i + 1));
        }
    }

    @Test
    void aNodeWithAnotherSecretOrClusterNameCannotJoin() throws Exception {
        int l = freePort();
        ClusterNode learner = startWith(NodeRole.LEARNER, l, l, "amp.cluster.secret = s3cret");
        awaitUp(learner, 1);
        startWith(NodeRole.SIM, freePort(), l, "amp.cluster.secret = s3cret");
        awaitUp(learner, 2);
        ClusterNode wrongSecret = startWith(NodeRole.SIM, freePort(), l, "amp.cluster.secret = guess");
        ClusterNode otherCluster = startWith(NodeRole.SIM, freePort(), l, "amp.cluster { secret = s3cret, name = other }");
        Thread.sleep(8000);
        assertEquals(2, upMembers(learner),
                "only the node with the right secret and name joined");
        assertEquals(0, upMembers(otherCluster), "a node of another cluster name is no member");
        assertTrue(wrongSecret.system().whenTerminated().isCompleted() || upMembers(wrongSecret) == 0,
                "the node with the wrong secret is refused (and shuts itself down)");
    }

    private ClusterNode startWith(NodeRole role, int port, int seedPort, String overrides) {
        ClusterNode n = ClusterNode.start(new ClusterConfig.Node(role, new NodeAddress("127.0.0.1", port),
                List.of(new NodeAddress("127.0.0.1", seedPort)), runs),
                com.typesafe.config.ConfigFactory.parseString(overrides).withFallback(app()), new PointMassComponents());
        nodes.add(n);
        return n;
    }

    /**
     * Artery over TLS (mutual authentication, one PKCS#12 store as key and trust store, made with the
     * JDK's keytool): the run's digests equal the local run's; a member speaking plain TCP never joins.
     */
    @Test
    void overArteryTlsARunEqualsTheLocalRunAndAPlainTcpNodeCannotJoin(@TempDir Path keys) throws Exception {
        Path store = keys.resolve("cluster.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "amp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=amp-cluster",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String made = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && keytool.exitValue() == 0, made);
        String tls = "amp.cluster.pekko.remote.artery { transport = tls-tcp, ssl.config-ssl-engine {"
                + " key-store = \"" + store + "\", trust-store = \"" + store + "\", key-store-password = changeit,"
                + " key-password = changeit, trust-store-password = changeit, protocol = TLSv1.3,"
                + " enabled-algorithms = [TLS_AES_128_GCM_SHA256], require-mutual-authentication = on } }";
        int l = freePort();
        ClusterNode learner = startWith(NodeRole.LEARNER, l, l, tls);
        startWith(NodeRole.SIM, freePort(), l, tls);
        awaitUp(learner, 2);
        TestRuns.Recorder rec = new TestRuns.Recorder();
        RunOutcome o = trainer(learner).train(app(), "tls", new Trainer.Options(null, null, rec)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertSameDigests(baseline, rec.committed);

        ClusterNode plain = startWith(NodeRole.SIM, freePort(), l, "");
        Thread.sleep(8000);
        assertEquals(2, upMembers(learner), "a plain-TCP node does not join a TLS cluster");
        assertEquals(0, upMembers(plain), "the plain-TCP node is no member");
    }

    @Test
    void aSimNodeThatWouldSimulateOtherBitsIsNotUsed() throws Exception {
        int l = freePort();
        ClusterNode learner = start(NodeRole.LEARNER, l, l);
        start(NodeRole.SIM, freePort(), l);
        int otherPort = freePort();
        // Another engine version (the same check covers cpu-kernels, libtorch, the learner's numerics).
        PointMassComponents base = new PointMassComponents();
        dev.ampj.actors.env.Components other = new dev.ampj.actors.env.Components() {
            @Override
            public dev.ampj.actors.env.EnvFactory envs(Config config) {
                dev.ampj.actors.env.EnvFactory f = base.envs(config);
                return new dev.ampj.actors.env.EnvFactory() {
                    @Override
                    public dev.ampj.sim.env.VecEnvSpec spec() {
                        return f.spec();
                    }

                    @Override
                    public dev.ampj.sim.env.VecEnv create(long seed, int[] ids) {
                        return f.create(seed, ids);
                    }

                    @Override
                    public java.util.Map<String, String> versions() {
                        return java.util.Map.of("point-mass", "2");
                    }

                    @Override
                    public java.util.Map<String, String> threads() {
                        return f.threads();
                    }
                };
            }

            @Override
            public dev.ampj.actors.env.ExpertMotion expert(Config config, dev.ampj.sim.env.VecEnvSpec spec, long seed) {
                return base.expert(config, spec, seed);
            }
        };
        nodes.add(ClusterNode.start(new ClusterConfig.Node(NodeRole.SIM, new NodeAddress("127.0.0.1", otherPort),
                List.of(new NodeAddress("127.0.0.1", l)), runs), app(), other));
        awaitUp(learner, 3);
        TestRuns.Recorder rec = new TestRuns.Recorder();
        RunOutcome o = trainer(learner).train(app(), "checked", new Trainer.Options(null, null, rec)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertSameDigests(baseline, rec.committed);
        ClusterStatus.View view = ClusterStatus.of(learner.system(), Duration.ofSeconds(10)).toCompletableFuture().get();
        ShardHost.HostStatus refused = view.simNodes().stream()
                .filter(h -> h.address().endsWith(":" + otherPort)).findFirst().orElseThrow();
        assertEquals(-1, refused.lastIteration(), "the node with another engine version simulated nothing: " + view);
    }

    @Test
    void aRunOnTwoSimNodesEqualsTheLocalRun() throws Exception {
        int l = freePort();
        ClusterNode learner = start(NodeRole.LEARNER, l, l);
        start(NodeRole.SIM, freePort(), l);
        start(NodeRole.SIM, freePort(), l);
        awaitUp(learner, 3);
        TestRuns.Recorder rec = new TestRuns.Recorder();
        RunOutcome o = trainer(learner).train(app(), "c", new Trainer.Options(null, null, rec)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertSameDigests(baseline, rec.committed);
        // A second run on the same nodes (the learner's UDP ports are reused).
        TestRuns.Recorder again = new TestRuns.Recorder();
        o = trainer(learner).train(app(), "c2", new Trainer.Options(2L, null, again)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertSameDigests(baseline.subList(0, 2), again.committed);
    }

    @Test
    void aSimNodeThatLeavesMidRunAndOneThatJoinsChangeNoDigest() throws Exception {
        int l = freePort();
        ClusterNode learner = start(NodeRole.LEARNER, l, l);
        start(NodeRole.SIM, freePort(), l);
        ClusterNode leaving = start(NodeRole.SIM, freePort(), l);
        awaitUp(learner, 3);
        int joinPort = freePort();
        ClusterNode[] joined = new ClusterNode[1];
        TestRuns.Recorder rec = new TestRuns.Recorder() {
            @Override
            public synchronized void onCommitted(IterationCommitted c) {
                super.onCommitted(c);
                if (c.iteration() == 1) {
                    // Between iterations 1 and 2 (the next one waits for this listener): one node leaves,
                    // its shards move to the survivor; a third node joins and takes shards at a later boundary.
                    leaving.close();
                    joined[0] = start(NodeRole.SIM, joinPort, l);
                    try {
                        awaitUp(learner, 3);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        // Three shards over the sim nodes: digests do not depend on the shard count (PipelineExactnessTest).
        Config threeShards = TestRuns.config("amp.actors.training { shards = 3, iterations = 4 }\namp.cluster.no-sim-timeout = 30s");
        RunOutcome o = trainer(learner).train(threeShards, "moves", new Trainer.Options(null, null, rec)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertSameDigests(baseline, rec.committed);
        ClusterStatus.View view = ClusterStatus.of(learner.system(), Duration.ofSeconds(10)).toCompletableFuture().get();
        ShardHost.HostStatus late = view.simNodes().stream()
                .filter(h -> h.address().endsWith(":" + joinPort)).findFirst().orElseThrow();
        assertEquals(4, late.lastIteration(), "the node that joined simulated the last iteration: " + view);
        assertTrue(late.lastEnvSteps() > 0);
    }

    @Test
    void aForkSubmittedToTheLearnerEqualsTheLocalFork() throws Exception {
        int l = freePort();
        ClusterNode learner = start(NodeRole.LEARNER, l, l);
        start(NodeRole.SIM, freePort(), l);
        awaitUp(learner, 2);
        RunOutcome o = trainer(learner).train(app(), "p", new Trainer.Options(null, null, new TestRuns.Recorder())).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        // The same change as `amp fork --set`, its value as the submitter renders it.
        String key = "amp.learner.discriminator.learning-rate";
        TestRuns.Recorder expected = new TestRuns.Recorder();
        o = TestRuns.trainer(local).fork("c", 2, c -> c.withValue(key, com.typesafe.config.ConfigValueFactory.fromAnyRef(2.0e-4)),
                "c-at2", new Trainer.Options(null, null, expected)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertEquals(2, expected.committed.size());

        TestRuns.Recorder rec = new TestRuns.Recorder();
        try (ClusterClient client = ClusterClient.connect(new NodeAddress("127.0.0.1", l), app(), Duration.ofSeconds(15))) {
            RemoteRun remote = RemoteRun.fork(client, "p", 2L, List.of(key + "=0.0002"), "p-at2", null, null,
                    RemoteRun.Follower.of(s -> rec), Duration.ofSeconds(60));
            assertEquals(3, remote.started().first());
            assertEquals(4, remote.started().target());
            assertTrue(remote.started().runsDir().endsWith("p-at2"), remote.started().runsDir());
            o = remote.outcome().get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
            assertSameDigests(expected.committed, rec.committed);
            assertTrue(!baseline.get(2).policyDigest().equals(rec.committed.get(0).policyDigest())
                    || !baseline.get(2).discriminatorDigest().equals(rec.committed.get(0).discriminatorDigest()),
                    "the change applies to the child");
            // A second fork of the same name is refused with the trainer's message (once the gateway has let go of the first).
            String refused;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> RemoteRun.fork(client, "p", 2L, List.of(), "p-at2", null, null,
                                RemoteRun.Follower.of(s -> new TestRuns.Recorder()), Duration.ofSeconds(60))).getMessage();
            } while (refused.contains("one run at a time") && System.nanoTime() < deadline && sleep(100));
            assertTrue(refused.contains("already exists"), refused);

            // `amp replay --verify --cluster`: the parent re-executed on the learner node, every digest checked there.
            TestRuns.Recorder verified = new TestRuns.Recorder();
            o = RemoteRun.replay(client, "p", null, null, verified).get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
            assertEquals(List.of(1L, 2L, 3L, 4L), verified.verified.stream().map(d -> d.iteration()).toList());
            assertEquals(baseline.get(3).policyDigest(), verified.verified.get(3).policyDigest());
            java.util.concurrent.ExecutionException missing = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> RemoteRun.replay(client, "nope", null, null, new TestRuns.Recorder()).get(60,
                            java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(missing.getCause() instanceof IllegalArgumentException && missing.getCause().getMessage().contains("nope"),
                    missing.getCause().toString());
        }
    }

    /** Collects what the in-training evals tell (the submitter's table and stderr). */
    private static final class Reports implements PeriodicEvaluation.Reports {
        final List<Double> distances = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void evaluated(double styleDistance, String line) {
            distances.add(styleDistance);
            lines.add(line);
        }

        @Override
        public void note(String line) {
            lines.add(line);
        }
    }

    @Test
    void aRunSubmittedWithEvalEveryWritesTheLocalRunsEvalsAndForkAtBestPicksTheLocalIteration(@TempDir Path localRuns)
            throws Exception {
        // The built-in ostrich (an eval scores gaits), tiny; a checkpoint and a tiny eval at every iteration.
        Config tiny = TestRuns.config("amp.actors.training { num-envs = 4, horizon = 8, shards = 1, iterations = 3,"
                + " checkpoint-every = 1 }\namp.cluster.no-sim-timeout = 30s");
        PeriodicEvaluation.Size size = new PeriodicEvaluation.Size(2, 1.5);
        RunStore localStore = new RunStore(StorageSettings.defaults(localRuns));
        Reports localReports = new Reports();
        try (PeriodicEvaluation evals = new PeriodicEvaluation(localStore, "ev", tiny, 1, size, localReports,
                new PolicyEvaluator(new DefaultComponents()))) {
            RunOutcome o = new Trainer(new DefaultComponents(), localStore).train(tiny, "ev", new Trainer.Options(null, null, evals))
                    .await();
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        }
        List<String> expected = java.nio.file.Files.readAllLines(PeriodicEvaluation.file(localStore, "ev"));
        assertEquals(3, expected.size(), "an eval of each of the 3 checkpoints: " + expected);

        int l = freePort();
        ClusterNode learner = ClusterNode.start(new ClusterConfig.Node(NodeRole.LEARNER, new NodeAddress("127.0.0.1", l),
                List.of(new NodeAddress("127.0.0.1", l)), runs), tiny, new DefaultComponents(), size);
        nodes.add(learner);
        nodes.add(ClusterNode.start(new ClusterConfig.Node(NodeRole.SIM, new NodeAddress("127.0.0.1", freePort()),
                List.of(new NodeAddress("127.0.0.1", l)), runs), tiny, new DefaultComponents()));
        awaitUp(learner, 2);
        RunStore clusterStore = new RunStore(StorageSettings.defaults(runs));
        try (ClusterClient client = ClusterClient.connect(new NodeAddress("127.0.0.1", l), tiny, Duration.ofSeconds(15))) {
            Reports told = new Reports();
            TestRuns.Recorder rec = new TestRuns.Recorder();
            RemoteRun remote = RemoteRun.train(client, "ev", dev.ampj.actors.config.RunConfig.render(tiny), null, null,
                    new RemoteRun.Follower(s -> rec, 1, told), Duration.ofSeconds(60));
            RunOutcome o = remote.outcome().get(300, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
            assertEquals(3, rec.committed.size());
            // The learner node wrote the same evals as the local run (they are deterministic), in the run's directory there,
            // and told the submitter each one before the run's end.
            assertEquals(expected, java.nio.file.Files.readAllLines(PeriodicEvaluation.file(clusterStore, "ev")));
            assertEquals(localReports.distances, told.distances);
            assertEquals(localReports.lines, told.lines);

            // `amp fork --at best --cluster`: resolved on the learner node from its eval.jsonl, as locally.
            long best = PeriodicEvaluation.best(localStore, "ev", "--at");
            RemoteRun fork = RemoteRun.fork(client, "ev", null, List.of(), null, 4L, null,
                    RemoteRun.Follower.of(s -> new TestRuns.Recorder()), Duration.ofSeconds(60));
            assertEquals(best + 1, fork.started().first());
            assertEquals("ev-at" + best, fork.run());
            o = fork.outcome().get(300, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
            assertEquals(4, o.lastIteration());
        }
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }
}
