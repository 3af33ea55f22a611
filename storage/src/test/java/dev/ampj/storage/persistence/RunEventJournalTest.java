package dev.ampj.storage.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import dev.ampj.storage.Fixtures;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunFinished;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunLockedException;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.registry.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.Test;

/**
 * An EventSourcedBehavior persisting RunEvents through the journal plugin: what it persists is
 * the run's event log (read back with RunLogReader), and a restarted system recovers from it.
 */
class RunEventJournalTest {

    /** Commands of the test supervisor: persist these events, or report the recovered events. */
    sealed interface Command {}

    record Persist(List<RunEvent> events, ActorRef<Long> replyTo) implements Command {}

    record GetEvents(ActorRef<List<RunEvent>> replyTo) implements Command {}

    /** A minimal run supervisor: its state is the list of its events. */
    static final class MiniSupervisor extends EventSourcedBehavior<Command, RunEvent, List<RunEvent>> {

        MiniSupervisor(String run) {
            super(PersistenceId.ofUniqueId(run));
        }

        static Behavior<Command> create(String run) {
            return new MiniSupervisor(run);
        }

        @Override
        public List<RunEvent> emptyState() {
            return new ArrayList<>();
        }

        @Override
        public CommandHandler<Command, RunEvent, List<RunEvent>> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Persist.class, (state, c) -> Effect().persist(c.events()).thenReply(c.replyTo(), s -> (long) s.size()))
                    .onCommand(GetEvents.class, (state, c) -> Effect().reply(c.replyTo(), List.copyOf(state)))
                    .build();
        }

        @Override
        public EventHandler<List<RunEvent>, RunEvent> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((state, e) -> {
                state.add(e);
                return state;
            });
        }
    }

    @Test
    void persistedRunEventsAreTheRunLogAndRecoverAfterRestart() {
        Config config = TckConfig.forFreshRunsDir("supervisor-");
        Path runsDir = Path.of(config.getString("amp.storage.runs-dir"));
        RunStore store = new RunStore(StorageSettings.defaults(runsDir));
        RunCreated created = Fixtures.created("run-a");
        List<RunEvent> written = List.of(created, new IterationOpened(1), Fixtures.committed(1),
                new CheckpointWritten(1, Fixtures.digest("blob1"), 123), new IterationOpened(2), Fixtures.committed(2));

        ActorTestKit kit = ActorTestKit.create("first", config);
        try {
            ActorRef<Command> sup = kit.spawn(MiniSupervisor.create("run-a"));
            TestProbe<Long> probe = kit.createTestProbe();
            sup.tell(new Persist(written.subList(0, 1), probe.getRef()));
            probe.expectMessage(Duration.ofSeconds(20), 1L);
            sup.tell(new Persist(written.subList(1, 4), probe.getRef())); // one AtomicWrite = one document
            probe.expectMessage(4L);
            sup.tell(new Persist(written.subList(4, 6), probe.getRef()));
            probe.expectMessage(6L);

            try (RunLogReader log = store.openReader("run-a")) {
                List<LogEntry> entries = log.readAll();
                assertEquals(written, entries.stream().map(LogEntry::event).toList());
                assertEquals(entries.get(1).index(), entries.get(3).index(), "an AtomicWrite is one document");
                assertEquals(1L, log.latestCheckpoint().orElseThrow().iteration());
                assertEquals(2L, log.lastCommitted().map(IterationCommitted::iteration).orElseThrow());
            }
            assertEquals(RunStatus.RUNNING, store.registry().summary("run-a").status());
            assertThrows(RunLockedException.class, () -> store.openWriter("run-a"), "the journal holds the run's writer lock");
        } finally {
            kit.shutdownTestKit();
        }

        assertEquals(RunStatus.STOPPED, store.registry().summary("run-a").status());
        ActorTestKit second = ActorTestKit.create("second", config);
        try {
            ActorRef<Command> sup = second.spawn(MiniSupervisor.create("run-a"));
            TestProbe<List<RunEvent>> probe = second.createTestProbe();
            sup.tell(new GetEvents(probe.getRef()));
            assertEquals(written, probe.receiveMessage(Duration.ofSeconds(20)));
            TestProbe<Long> acks = second.createTestProbe();
            sup.tell(new Persist(List.of(new IterationOpened(3)), acks.getRef()));
            acks.expectMessage(Duration.ofSeconds(20), 7L);
            assertEquals(RunStatus.RUNNING, store.registry().summary("run-a").status());
            sup.tell(new Persist(List.of(new RunFinished(2)), acks.getRef()));
            acks.expectMessage(8L);
            assertEquals(RunStatus.FINISHED, store.registry().summary("run-a").status());
            try (var w = store.openWriter("run-a")) { // a finished run's lock is released by the journal
                assertEquals(8, w.lastSequenceNr());
            }
        } finally {
            second.shutdownTestKit();
        }
        try (RunLogReader log = store.openReader("run-a")) {
            assertEquals(8, log.readAll().size());
            assertEquals(8, log.readAll().get(7).sequenceNr());
        }
    }

    @Test
    void aRunHeldByAnotherWriterFailsThePersistAndStopsTheSupervisor() {
        Config config = TckConfig.forFreshRunsDir("held-");
        RunStore store = new RunStore(StorageSettings.defaults(Path.of(config.getString("amp.storage.runs-dir"))));
        ActorTestKit kit = ActorTestKit.create("held", config);
        try (var holder = store.create(Fixtures.created("run-b"))) {
            ActorRef<Command> sup = kit.spawn(MiniSupervisor.create("run-b"));
            TestProbe<Long> acks = kit.createTestProbe();
            sup.tell(new Persist(List.of(new IterationOpened(1)), acks.getRef()));
            acks.expectTerminated(sup, Duration.ofSeconds(20));
            assertEquals(1, holder.lastSequenceNr(), "nothing was written behind the holder's back");
        } finally {
            kit.shutdownTestKit();
        }
        try (RunLogReader log = store.openReader("run-b")) {
            assertEquals(List.of(Fixtures.created("run-b")), log.readAll().stream().map(LogEntry::event).toList());
        }
    }
}
