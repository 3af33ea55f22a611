package dev.ampj.actors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.run.ReplayVerifier;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.PointMassEnv;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.log.RunLogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactness contract of the pipeline (DESIGN.md §4) on real Pekko, Aeron, Chronicle and DJL:
 * shard count, shard restarts, resume, fork and replay never change a digest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineExactnessTest {

    @TempDir
    static Path runs;

    private List<IterationCommitted> baseline;

    @BeforeAll
    void trainBaseline() {
        baseline = train("baseline", TestRuns.config(""), null);
        assertEquals(4, baseline.size());
    }

    private List<IterationCommitted> train(String name, Config config, Long target) {
        TestRuns.Recorder rec = new TestRuns.Recorder();
        RunOutcome o = TestRuns.trainer(runs).train(config, name, new Trainer.Options(target, null, rec)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        return rec.committed;
    }

    private static void assertSameDigests(List<IterationCommitted> expected, List<IterationCommitted> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).iteration(), actual.get(i).iteration());
            assertEquals(expected.get(i).policyDigest(), actual.get(i).policyDigest(), "policy of iteration " + (i + 1));
            assertEquals(expected.get(i).discriminatorDigest(), actual.get(i).discriminatorDigest(),
                    "discriminator of iteration " + (i + 1));
            assertEquals(expected.get(i).statistics(), actual.get(i).statistics(), "statistics of iteration " + (i + 1));
        }
    }

    @Test
    void shardCountDoesNotChangeAnyDigest() {
        for (int shards : new int[] {1, 4}) {
            List<IterationCommitted> run = train("shards-" + shards,
                    TestRuns.config("amp.actors.training.shards = " + shards), null);
            assertSameDigests(baseline, run);
        }
    }

    @Test
    void aRestartedShardResimulatesTheSameIteration() {
        // Shards step concurrently: the failure lands mid-rollout of iteration 2 in one of them.
        PointMassEnv.STEPS_UNTIL_FAILURE.set(8 * 2 + 3);
        try {
            List<IterationCommitted> run = train("restart", TestRuns.config(""), null);
            assertSameDigests(baseline, run);
            double restarts = run.stream().mapToDouble(c -> c.stageMillis().get("shard_restarts")).sum();
            assertEquals(1.0, restarts, "one shard restart recorded");
        } finally {
            PointMassEnv.STEPS_UNTIL_FAILURE.set(-1);
        }
    }

    @Test
    void resumeContinuesExactly() {
        // Stop after 3 (checkpoint at 2): the resume re-executes 3 against the log, then commits 4.
        List<IterationCommitted> first = train("resumed", TestRuns.config(""), 3L);
        assertSameDigests(baseline.subList(0, 3), first);
        TestRuns.Recorder rec = new TestRuns.Recorder();
        RunOutcome o = TestRuns.trainer(runs).resume("resumed", new Trainer.Options(4L, null, rec)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertEquals(List.of(3L), rec.verified.stream().map(IterationOutcome.Done::iteration).toList());
        assertSameDigests(baseline.subList(3, 4), rec.committed);
        try (RunLogReader r = store().openReader("resumed")) {
            assertEquals(new dev.ampj.storage.event.RunResumed(3, 4),
                    r.lastMatching(dev.ampj.storage.event.RunResumed.TYPE_TAG, e -> true).orElseThrow().event(),
                    "the resume's start and target are in the log");
        }
        assertEquals(4, store().registry().summary("resumed").targetIterations());
    }

    @Test
    void forkWithoutChangesEqualsTheParentAndWithAChangeDiverges() {
        TestRuns.Recorder same = new TestRuns.Recorder();
        RunOutcome o = TestRuns.trainer(runs).fork("baseline", 3, c -> c, "fork-same", new Trainer.Options(null, null, same))
                .await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertSameDigests(baseline.subList(3, 4), same.committed);

        TestRuns.Recorder changed = new TestRuns.Recorder();
        String key = "amp.learner.style-reward.task-reward-lerp";
        o = TestRuns.trainer(runs).fork("baseline", 2,
                c -> c.withValue(key, ConfigValueFactory.fromAnyRef(0.9)), "fork-lerp",
                new Trainer.Options(null, null, changed)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertEquals(3, changed.committed.get(0).iteration());
        assertNotEquals(baseline.get(2).policyDigest(), changed.committed.get(0).policyDigest());
        try (RunLogReader r = store().openReader("fork-lerp")) {
            RunCreated created = r.runCreated();
            assertEquals("baseline", created.forkOf().parentRun());
            assertEquals(2, created.forkOf().iteration());
            assertEquals(key + ": 0.3 -> 0.9", created.configDiff());
        }
    }

    @Test
    void replayVerifiesAnHonestLogAndFindsATamperedDigest() throws IOException {
        ReplayVerifier.Result honest = TestRuns.trainer(runs).replay("baseline", null, null, new TestRuns.Recorder());
        assertEquals(RunOutcome.Kind.FINISHED, honest.outcome().kind(), honest.outcome().message());
        assertEquals(4, honest.verified());

        copyWithTamperedPolicyDigest("baseline", "tampered", 3);
        ReplayVerifier.Result tampered = TestRuns.trainer(runs).replay("tampered", null, null, new TestRuns.Recorder());
        assertEquals(RunOutcome.Kind.DIVERGED, tampered.outcome().kind());
        assertEquals(3, tampered.outcome().lastIteration());
        assertTrue(tampered.outcome().message().contains("iteration 3, component policy"), tampered.outcome().message());

        // From a later checkpoint only the later iterations are re-executed: iteration 3 is still caught.
        ReplayVerifier.Result ranged = TestRuns.trainer(runs).replay("tampered", 3L, 4L, new TestRuns.Recorder());
        assertEquals(RunOutcome.Kind.DIVERGED, ranged.outcome().kind());
    }

    @Test
    void replayComparesTheWholeStateAtEachCheckpoint() throws IOException {
        RunStore store = store();
        copyWith("baseline", "bad-checkpoint", ev -> {
            if (ev instanceof dev.ampj.storage.event.CheckpointWritten w && w.iteration() == 2) {
                TrainingCheckpoint c = TrainingCheckpoint.decode(store.checkpoints("baseline").read(w.blobDigest()), "test");
                TrainingCheckpoint altered = new TrainingCheckpoint(c.iteration(), c.envSteps(), c.nextStep(),
                        c.expertPosition() + 1, c.numEnvs(), c.envStates(), c.learnerState());
                var ref = store.checkpoints("bad-checkpoint").put(altered.encode());
                return new dev.ampj.storage.event.CheckpointWritten(2, ref.digest(), ref.sizeBytes());
            }
            return ev;
        });
        ReplayVerifier.Result r = TestRuns.trainer(runs).replay("bad-checkpoint", null, null, new TestRuns.Recorder());
        assertEquals(RunOutcome.Kind.DIVERGED, r.outcome().kind(), r.outcome().message());
        assertEquals(2, r.outcome().lastIteration());
        assertTrue(r.outcome().message().contains("iteration 2, component counters"), r.outcome().message());
    }

    @Test
    void aStopRequestEndsAtAnIterationBoundaryAndTheRunResumesExactly() {
        java.util.concurrent.CompletableFuture<Session> session = new java.util.concurrent.CompletableFuture<>();
        TestRuns.Recorder rec = new TestRuns.Recorder() {
            @Override
            public synchronized void onCommitted(IterationCommitted c) {
                super.onCommitted(c);
                if (c.iteration() == 1) {
                    session.join().requestStop();
                }
            }
        };
        session.complete(TestRuns.trainer(runs).train(TestRuns.config(""), "stopped", new Trainer.Options(null, null, rec)));
        RunOutcome o = session.join().await();
        assertEquals(RunOutcome.Kind.STOPPED, o.kind(), o.message());
        long last = o.lastIteration();
        assertTrue(last >= 1 && last < 4, "stopped at a boundary before the target: " + last);
        assertSameDigests(baseline.subList(0, (int) last), rec.committed); // a stop changes nothing it commits
        try (RunLogReader r = store().openReader("stopped")) {
            assertEquals(last, r.lastCommitted().orElseThrow().iteration());
            assertTrue(r.terminal().isEmpty(), "a stopped run has no terminal event");
        }
        TestRuns.Recorder resumed = new TestRuns.Recorder();
        o = TestRuns.trainer(runs).resume("stopped", new Trainer.Options(null, null, resumed)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        assertEquals(baseline.get(3).policyDigest(), resumed.committed.get(resumed.committed.size() - 1).policyDigest());
    }

    @Test
    void resumeAndReplayRefuseAnotherEngineVersion() throws IOException {
        copyWith("baseline", "other-engine", ev -> ev instanceof RunCreated c
                ? new RunCreated(c.run(), c.config(), c.seed(), c.forkOf(), c.configDiff(),
                        java.util.Map.of("djl", "0.0.1", "point-mass", "1"), c.nativeThreads(), c.host(), 8)
                : ev);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TestRuns.trainer(runs).resume("other-engine", new Trainer.Options(null, null, null)));
        assertTrue(e.getMessage().contains("djl: run has 0.0.1"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TestRuns.trainer(runs).replay("other-engine", null, null, new TestRuns.Recorder()));
        assertTrue(e.getMessage().contains("engine/library versions differ"), e.getMessage());
    }

    /** Writes a copy of {@code from}'s log through storage's API with one commit's policy digest altered. */
    private void copyWithTamperedPolicyDigest(String from, String to, long iteration) throws IOException {
        copyWith(from, to, ev -> {
            if (ev instanceof IterationCommitted c && c.iteration() == iteration) {
                String bad = (c.policyDigest().charAt(0) == 'a' ? "b" : "a") + c.policyDigest().substring(1);
                return new IterationCommitted(c.iteration(), c.envSteps(), bad, c.discriminatorDigest(), c.statistics(),
                        c.stageMillis());
            }
            return ev;
        });
    }

    /** Copies {@code from}'s log (events through {@code change}) and checkpoints into run {@code to}. */
    private void copyWith(String from, String to, java.util.function.UnaryOperator<RunEvent> change) throws IOException {
        RunStore store = store();
        List<LogEntry> entries;
        try (RunLogReader r = store.openReader(from)) {
            entries = r.readAll();
        }
        try (RunLogWriter w = RunLogWriter.open(RunDirectory.of(runs, to))) {
            for (LogEntry e : entries) {
                RunEvent ev = change.apply(e.event());
                if (ev instanceof RunCreated c) {
                    ev = new RunCreated(to, c.config(), c.seed(), c.forkOf(), c.configDiff(), c.versions(), c.nativeThreads(),
                            c.host(), c.targetIterations());
                }
                w.append(ev);
            }
        }
        Path src = store.directory(from).checkpoints();
        Path dst = store.directory(to).checkpoints();
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                if (!Files.exists(dst.resolve(f.getFileName()))) {
                    Files.copy(f, dst.resolve(f.getFileName()));
                }
            }
        }
    }

    private RunStore store() {
        return new RunStore(StorageSettings.defaults(runs));
    }
}
