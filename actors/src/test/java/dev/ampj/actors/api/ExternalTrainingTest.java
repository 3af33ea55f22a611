package dev.ampj.actors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.run.ReplayVerifier;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.sim.gateway.GatewayClients;
import dev.ampj.sim.gateway.PythonClients;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunLogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real training of the MuJoCo ostrich (a Python process, {@code AMP_TEST_PYTHON}) through the
 * gateway: three iterations with the bundled reference gaits, then the exactness that its declared
 * snapshot/restore buys: replay from the checkpoint reproduces the committed digests, and resume
 * re-executes to the last commit (checked against the log) and continues. Reference-state init is on
 * (the default): the client starts every episode where the platform says.
 */
class ExternalTrainingTest {

    @TempDir
    Path tmp;

    @AfterEach
    void unbind() {
        GatewayClients.closeShared();
    }

    @Test
    void theMujocoOstrichTrainsThroughTheGatewayAndResumesExactly() throws Exception {
        String python = PythonClients.python();
        String address = PythonClients.freeAddress();
        Path log = tmp.resolve("client.log");
        Process client = new ProcessBuilder(python, ostrichClient().toString(), "--envs", "6", "--connect", address,
                "--idle-timeout", "120").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Config config = TestRuns.config("amp.sim.engine = external\n"
                    + "amp.gateway { address = \"" + address + "\", connect-timeout = 60s, step-timeout = 60s }\n"
                    + "amp.actors.training { horizon = 8, iterations = 3, checkpoint-every = 2 }");
            Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(tmp.resolve("runs"))));
            TestRuns.Recorder rec = new TestRuns.Recorder();
            RunOutcome o;
            try (Session s = trainer.train(config, "mujoco", new Trainer.Options(null, null, rec))) {
                o = s.await();
            }
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message() + "\n" + Files.readString(log));
            assertEquals(3, rec.committed.size());
            assertEquals(3L * 6 * 8, rec.committed.get(2).envSteps(), "the client's 6 envs are the run's");
            assertTrue(rec.committed.get(2).statistics().get("task_reward") != 0.0);
            try (RunLogReader reader = new RunStore(StorageSettings.defaults(tmp.resolve("runs"))).openReader("mujoco")) {
                RunCreated created = reader.runCreated();
                assertEquals("exact", created.versions().get(ExternalEnvFactory.RESUME));
                assertTrue(created.versions().get(ExternalEnvFactory.SIMULATOR).startsWith("mujoco-ostrich mujoco "),
                        created.versions().toString());
                // reference-state init on (the default 0.5): the client takes the platform's episode starts
                assertEquals(0.5, RunConfig.parse(created.config(), "mujoco").getDouble("amp.sim.init.reference-state-init"));
                assertEquals(ExternalEnvFactory.PLATFORM_STARTS, created.versions().get(ExternalEnvFactory.STARTS));
            }

            ReplayVerifier.Result replay = trainer.replay("mujoco", 3L, 3L, new TestRuns.Recorder());
            assertEquals(RunOutcome.Kind.FINISHED, replay.outcome().kind(), replay.outcome().message());

            TestRuns.Recorder resumed = new TestRuns.Recorder();
            RunOutcome r;
            try (Session s = trainer.resume("mujoco", new Trainer.Options(4L, null, resumed))) {
                r = s.await();
            }
            assertEquals(RunOutcome.Kind.FINISHED, r.kind(), r.message());
            assertEquals(List.of(4L), resumed.committed.stream().map(c -> c.iteration()).toList());
            assertEquals(1, resumed.verified.size(), "iteration 3 re-executed from checkpoint 2 and matched the log");
        } finally {
            GatewayClients.closeShared();
            if (!client.waitFor(20, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
        assertEquals(0, client.exitValue(), Files.readString(log));
    }

    @Test
    void withoutSnapshotTheRunRecordsAnApproximateResumeAndCheckpointsEveryIteration() throws Exception {
        String python = PythonClients.python();
        String address = PythonClients.freeAddress();
        Path log = tmp.resolve("client.log");
        Process client = new ProcessBuilder(python, ostrichClient().toString(), "--envs", "4", "--connect", address,
                "--idle-timeout", "120", "--no-snapshot", "--no-reference-state-reset").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Config config = TestRuns.config("amp.sim.engine = external\n"
                    + "amp.gateway { address = \"" + address + "\", connect-timeout = 60s }\n"
                    + "amp.actors.training { horizon = 6, iterations = 2, checkpoint-every = 5 }");
            RunStore store = new RunStore(StorageSettings.defaults(tmp.resolve("runs")));
            Trainer trainer = new Trainer(new DefaultComponents(), store);
            RunOutcome o;
            try (Session s = trainer.train(config, "approx", new Trainer.Options(null, null, new TestRuns.Recorder()))) {
                o = s.await();
            }
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message() + "\n" + Files.readString(log));
            try (RunLogReader reader = store.openReader("approx")) {
                RunCreated created = reader.runCreated();
                assertEquals("approximate", created.versions().get(ExternalEnvFactory.RESUME));
                assertEquals(ExternalEnvFactory.CLIENT_STARTS, created.versions().get(ExternalEnvFactory.STARTS),
                        "a client of the first protocol text starts its episodes itself: reference-state init is off for it");
                assertEquals(1, RunConfig.parse(created.config(), "approx").getInt(TrainingSettings.PATH + ".checkpoint-every"));
                assertEquals(2L, reader.latestCheckpoint().orElseThrow().iteration());
            }
            TestRuns.Recorder resumed = new TestRuns.Recorder();
            RunOutcome r;
            try (Session s = trainer.resume("approx", new Trainer.Options(3L, null, resumed))) {
                r = s.await();
            }
            assertEquals(RunOutcome.Kind.FINISHED, r.kind(), r.message());
            assertEquals(List.of(3L), resumed.committed.stream().map(c -> c.iteration()).toList());
        } finally {
            GatewayClients.closeShared();
            if (!client.waitFor(20, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
    }

    @Test
    void twoClientsAreTwoShardsAndTrainAsOneClientDoes() throws Exception {
        String python = PythonClients.python();
        List<IterationCommitted> one = trainWithClients(python, "one", 1, 6);
        List<IterationCommitted> two = trainWithClients(python, "two", 2, 3);
        assertEquals(2, two.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(one.get(i).policyDigest(), two.get(i).policyDigest(), "iteration " + (i + 1));
            assertEquals(one.get(i).discriminatorDigest(), two.get(i).discriminatorDigest());
        }
    }

    private List<IterationCommitted> trainWithClients(String python, String name, int clients, int envs) throws Exception {
        String address = PythonClients.freeAddress();
        List<Process> procs = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            procs.add(new ProcessBuilder(python, ostrichClient().toString(), "--envs", Integer.toString(envs), "--connect", address,
                    "--idle-timeout", "120").redirectErrorStream(true).redirectOutput(tmp.resolve(name + c + ".log").toFile()).start());
        }
        try {
            Config config = TestRuns.config("amp.sim.engine = external\n"
                    + "amp.gateway { address = \"" + address + "\", connect-timeout = 60s, clients = " + clients + " }\n"
                    + "amp.actors.training { horizon = 6, iterations = 2 }");
            Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(tmp.resolve("runs"))));
            TestRuns.Recorder rec = new TestRuns.Recorder();
            RunOutcome o;
            try (Session s = trainer.train(config, name, new Trainer.Options(null, null, rec))) {
                o = s.await();
            }
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
            return rec.committed;
        } finally {
            GatewayClients.closeShared();
            for (Process p : procs) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aClientDroppedForAMalformedFrameIsReplacedAndTheIterationIsSimulatedAgain() throws Exception {
        String python = PythonClients.python();
        String address = PythonClients.freeAddress();
        Path badLog = tmp.resolve("bad.log");
        Process bad = new ProcessBuilder(python, PythonClients.clientDir().resolve("tests/misbehaving_client.py").toString(),
                "nan", "--connect", address, "--envs", "4").redirectErrorStream(true).redirectOutput(badLog.toFile()).start();
        Process good = null;
        try {
            Config config = TestRuns.config("amp.sim.engine = external\n"
                    + "amp.gateway { address = \"" + address + "\", connect-timeout = 60s, step-timeout = 10s }\n"
                    + "amp.actors.training { horizon = 6, iterations = 2 }");
            Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(tmp.resolve("runs"))));
            TestRuns.Recorder rec = new TestRuns.Recorder();
            RunOutcome o;
            try (Session session = trainer.train(config, "dropped", new Trainer.Options(null, null, rec))) {
                assertTrue(bad.waitFor(60, TimeUnit.SECONDS), "the malformed client was dropped");
                assertTrue(Files.readString(badLog).contains("STEP_RESULT column amp_obs row 3 col 7: NaN"),
                        Files.readString(badLog));
                good = new ProcessBuilder(python, ostrichClient().toString(), "--envs", "4", "--connect", address,
                        "--idle-timeout", "120").redirectErrorStream(true).redirectOutput(tmp.resolve("good.log").toFile()).start();
                o = session.await();
            }
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
            assertEquals(List.of(1L, 2L), rec.committed.stream().map(c -> c.iteration()).toList());
        } finally {
            GatewayClients.closeShared();
            bad.destroyForcibly();
            if (good != null && !good.waitFor(20, TimeUnit.SECONDS)) {
                good.destroyForcibly();
            }
        }
    }

    private static Path ostrichClient() {
        return PythonClients.clientDir().resolve("examples/mujoco_ostrich.py");
    }
}
