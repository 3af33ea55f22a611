package dev.ampj.actors.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.ForkPoint;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunResumed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RunState: what the run's events say, one immutable value per event. */
class RunStateTest {

    private static RunCreated created(ForkPoint fork) {
        return new RunCreated("r", "{}", 1, fork, "", Map.of(), Map.of(), "host", 10);
    }

    private static IterationCommitted commit(long k) {
        return new IterationCommitted(k, 100 * k, String.format("%064x", k), String.format("%064x", 50 + k), Map.of(), Map.of());
    }

    private static RunState replay(RunState state, List<? extends dev.ampj.storage.event.RunEvent> events) {
        for (var e : events) {
            state = state.apply(e);
        }
        return state;
    }

    @Test
    void eventsGiveNewStatesAndLeaveTheOldOnesAsTheyWere() {
        RunState empty = RunState.EMPTY;
        RunState created = empty.apply(created(null));
        assertFalse(empty.isCreated());
        assertNull(empty.lastEvent());
        assertTrue(created.isCreated());

        RunState opened = created.apply(new IterationOpened(1));
        RunState committed = opened.apply(commit(1));
        assertEquals(1, opened.lastOpened());
        assertEquals(0, opened.lastCommitted());
        assertNull(opened.committed(1));
        assertEquals(1, committed.lastCommitted());
        assertEquals(100, committed.envSteps());
        assertEquals(commit(1), committed.committed(1));
        assertThrows(UnsupportedOperationException.class, () -> committed.sinceCheckpoint().clear());
    }

    @Test
    void aCheckpointForgetsTheCommitsItCovers() {
        RunState s = replay(RunState.EMPTY.apply(created(null)), List.of(commit(1), commit(2),
                new CheckpointWritten(2, String.format("%064x", 7), 3), commit(3)));
        assertEquals(2, s.latestCheckpoint());
        assertNull(s.committed(1));
        assertNull(s.committed(2));
        assertEquals(commit(3), s.committed(3));
        assertEquals(3, s.lastCommitted());
        assertEquals(-1, RunState.EMPTY.latestCheckpoint());
    }

    @Test
    void aForkStartsAtItsParentsIterationAndAResumeChangesNothingElse() {
        RunState fork = RunState.EMPTY.apply(created(new ForkPoint("parent", 6)));
        assertEquals(6, fork.lastCommitted());
        RunResumed resumed = new RunResumed(6, 20);
        RunState after = fork.apply(resumed);
        assertSame(resumed, after.lastEvent());
        assertEquals(fork.lastCommitted(), after.lastCommitted());
        assertEquals(fork.sinceCheckpoint(), after.sinceCheckpoint());
    }
}
