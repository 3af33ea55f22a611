package dev.ampj.actors.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.pipeline.IterationCoordinator;
import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.storage.checkpoint.CheckpointStore;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RunSupervisor on the real Chronicle journal, its coordinator a test probe: it opens, runs and
 * commits iterations in order, checkpoints every C (the file written off its thread), and ends the
 * run on a failed iteration or an unwritable checkpoint.
 */
class RunSupervisorTest {

    @TempDir
    static Path runs;

    private static ActorTestKit kit;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("RunSupervisorTest", ConfigFactory.parseString("""
                pekko.persistence.journal.plugin = "amp.storage.journal"
                pekko.persistence.snapshot-store.plugin = "pekko.persistence.no-snapshot-store"
                """).withFallback(ConfigFactory.parseMap(Map.of("amp.storage.runs-dir", runs.toString())))
                .withFallback(ConfigFactory.load()).resolve());
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** Everything the listener hears, in order. */
    private static TrainingListener to(TestProbe<Object> probe) {
        return new TrainingListener() {
            @Override
            public void onCommitted(IterationCommitted c) {
                probe.getRef().tell(c);
            }

            @Override
            public void onCheckpoint(CheckpointWritten c) {
                probe.getRef().tell(c);
            }

            @Override
            public void onEnd(RunOutcome o) {
                probe.getRef().tell(o);
            }
        };
    }

    private static RunPlan plan(String run, long target, Path checkpoints) {
        RunCreated created = new RunCreated(run, "{}", 1, null, "", Map.of(), Map.of(), "test-host", target);
        return new RunPlan(created, null, 0, target, 2, 0, new CheckpointStore(checkpoints));
    }

    private static IterationOutcome.Done done(long k) {
        return new IterationOutcome.Done(k, 10 * k, digest(k), digest(100 + k), Map.of("task_reward", 1.0),
                Map.of("iteration", 5.0));
    }

    /** A well-formed SHA-256 hex digest standing for the nets after iteration {@code n}. */
    private static String digest(long n) {
        return String.format("%064x", n);
    }

    private static TrainingCheckpoint checkpoint(long k) {
        return new TrainingCheckpoint(k, 10 * k, 3 * k, 7, 4, new byte[][] {{1, 2}, {3, 4}}, new byte[] {9, 9, 9});
    }

    private static IterationCoordinator.RunIteration expectRun(TestProbe<IterationCoordinator.Command> coordinator, long k) {
        IterationCoordinator.RunIteration r = coordinator.expectMessageClass(IterationCoordinator.RunIteration.class, WAIT);
        assertEquals(k, r.iteration());
        return r;
    }

    @Test
    void iterationsCommitInOrderAndACheckpointFollowsEveryC() {
        TestProbe<IterationCoordinator.Command> coordinator = kit.createTestProbe();
        TestProbe<Object> heard = kit.createTestProbe();
        Path store = runs.resolve("in-order-checkpoints");
        ActorRef<RunSupervisor.Command> supervisor = kit.spawn(RunSupervisor.create(plan("in-order", 2, store),
                coordinator.getRef(), to(heard)));

        expectRun(coordinator, 1).replyTo().tell(done(1));
        IterationCommitted first = heard.expectMessageClass(IterationCommitted.class, WAIT);
        assertEquals(1, first.iteration());
        assertEquals(digest(1), first.policyDigest());
        assertTrue(first.stageMillis().containsKey("commit"), "the listener sees the commit's own time");

        expectRun(coordinator, 2).replyTo().tell(done(2));
        assertEquals(2, heard.expectMessageClass(IterationCommitted.class, WAIT).iteration());
        // Iteration 2 is a multiple of checkpoint-every = 2: the state is taken before anything else runs.
        IterationCoordinator.TakeCheckpoint take = coordinator.expectMessageClass(IterationCoordinator.TakeCheckpoint.class, WAIT);
        take.replyTo().tell(checkpoint(2));
        CheckpointWritten written = heard.expectMessageClass(CheckpointWritten.class, WAIT);
        assertEquals(2, written.iteration());
        assertTrue(new CheckpointStore(store).contains(written.blobDigest()), "the checkpoint file is in the store");

        RunOutcome end = heard.expectMessageClass(RunOutcome.class, WAIT);
        assertEquals(RunOutcome.Kind.FINISHED, end.kind());
        assertEquals(2, end.lastIteration());
        coordinator.expectNoMessage(Duration.ofMillis(200));
        kit.stop(supervisor);
    }

    @Test
    void failedIterationEndsTheRunWithItsReason() {
        TestProbe<IterationCoordinator.Command> coordinator = kit.createTestProbe();
        TestProbe<Object> heard = kit.createTestProbe();
        kit.spawn(RunSupervisor.create(plan("failing", 3, runs.resolve("failing-checkpoints")), coordinator.getRef(),
                to(heard)));
        expectRun(coordinator, 1).replyTo().tell(done(1));
        heard.expectMessageClass(IterationCommitted.class, WAIT);
        expectRun(coordinator, 2).replyTo().tell(new IterationOutcome.Failed(2, "shard 1 lost"));
        RunOutcome end = heard.expectMessageClass(RunOutcome.class, WAIT);
        assertEquals(RunOutcome.Kind.FAILED, end.kind());
        assertEquals(1, end.lastIteration());
        assertEquals("shard 1 lost", end.message());
    }

    @Test
    void unwritableCheckpointEndsTheRunNamingTheIteration() throws IOException {
        Path notADirectory = Files.writeString(runs.resolve("a-file"), "not a directory");
        TestProbe<IterationCoordinator.Command> coordinator = kit.createTestProbe();
        TestProbe<Object> heard = kit.createTestProbe();
        kit.spawn(RunSupervisor.create(plan("unwritable", 4, notADirectory.resolve("checkpoints")), coordinator.getRef(),
                to(heard)));
        expectRun(coordinator, 1).replyTo().tell(done(1));
        heard.expectMessageClass(IterationCommitted.class, WAIT);
        expectRun(coordinator, 2).replyTo().tell(done(2));
        heard.expectMessageClass(IterationCommitted.class, WAIT);
        coordinator.expectMessageClass(IterationCoordinator.TakeCheckpoint.class, WAIT).replyTo().tell(checkpoint(2));
        RunOutcome end = heard.expectMessageClass(RunOutcome.class, WAIT);
        assertEquals(RunOutcome.Kind.FAILED, end.kind());
        assertTrue(end.message().startsWith("checkpoint of iteration 2 could not be written"), end.message());
        coordinator.expectNoMessage(Duration.ofMillis(200)); // iteration 3 is never started
    }

    @Test
    void stopTakesEffectAtTheNextIterationBoundary() {
        TestProbe<IterationCoordinator.Command> coordinator = kit.createTestProbe();
        TestProbe<Object> heard = kit.createTestProbe();
        ActorRef<RunSupervisor.Command> supervisor = kit.spawn(RunSupervisor.create(plan("stopped", 5,
                runs.resolve("stopped-checkpoints")), coordinator.getRef(), to(heard)));
        IterationCoordinator.RunIteration first = expectRun(coordinator, 1);
        supervisor.tell(new RunSupervisor.Stop()); // mid-iteration: iteration 1 still commits
        first.replyTo().tell(done(1));
        assertEquals(1, heard.expectMessageClass(IterationCommitted.class, WAIT).iteration());
        RunOutcome end = heard.expectMessageClass(RunOutcome.class, WAIT);
        assertEquals(RunOutcome.Kind.STOPPED, end.kind());
        assertEquals(1, end.lastIteration());
        assertTrue(end.message().endsWith("(on request)"), end.message());
        coordinator.expectNoMessage(Duration.ofMillis(200)); // iteration 2 is never started
        kit.stop(supervisor);
    }

    @Test
    void resumeReExecutesTheCommitsAfterTheCheckpointAndADivergenceEndsIt() {
        TestProbe<IterationCoordinator.Command> coordinator = kit.createTestProbe();
        TestProbe<Object> heard = kit.createTestProbe();
        Path store = runs.resolve("resumed-checkpoints");
        ActorRef<RunSupervisor.Command> first = kit.spawn(RunSupervisor.create(plan("resumed", 3, store),
                coordinator.getRef(), to(heard)));
        expectRun(coordinator, 1).replyTo().tell(done(1));
        expectRun(coordinator, 2).replyTo().tell(done(2));
        coordinator.expectMessageClass(IterationCoordinator.TakeCheckpoint.class, WAIT).replyTo().tell(checkpoint(2));
        expectRun(coordinator, 3).replyTo().tell(done(3));
        heard.expectMessageClass(IterationCommitted.class, WAIT);
        heard.expectMessageClass(IterationCommitted.class, WAIT);
        heard.expectMessageClass(CheckpointWritten.class, WAIT);
        heard.expectMessageClass(IterationCommitted.class, WAIT);
        assertEquals(RunOutcome.Kind.FINISHED, heard.expectMessageClass(RunOutcome.class, WAIT).kind());
        kit.stop(first);
        heard.expectNoMessage(Duration.ofMillis(100));

        // From the checkpoint of iteration 2 to 4: iteration 3 is re-executed and must match its commit.
        RunCreated created = new RunCreated("resumed", "{}", 1, null, "", Map.of(), Map.of(), "test-host", 3);
        RunPlan resume = new RunPlan(created, null, 2, 4, 2, 0, new CheckpointStore(store));
        kit.spawn(RunSupervisor.create(resume, coordinator.getRef(), to(heard)));
        IterationOutcome.Done diverging = new IterationOutcome.Done(3, 30, digest(3), digest(999), Map.of("task_reward", 1.0),
                Map.of("iteration", 5.0));
        expectRun(coordinator, 3).replyTo().tell(diverging);
        RunOutcome end = heard.expectMessageClass(RunOutcome.class, WAIT);
        assertEquals(RunOutcome.Kind.DIVERGED, end.kind());
        assertEquals(3, end.lastIteration());
        assertTrue(end.message().contains("discriminator"), end.message());
        coordinator.expectNoMessage(Duration.ofMillis(200)); // iteration 4 is never started
    }
}
