package dev.ampj.actors.run;

import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the RunSupervisor knows of its run, rebuilt from the run's events on recovery: the first
 * event, the last committed iteration, the latest checkpoint, and the commits after it (the digests
 * a resume must reproduce while it re-executes from that checkpoint). An immutable value: each event
 * gives a new one ({@link #apply}). Small by construction (the commits since one checkpoint).
 *
 * @param sinceCheckpoint the commits after the latest checkpoint, by iteration (unmodifiable)
 */
public record RunState(
        RunCreated created,
        long lastCommitted,
        long envSteps,
        long lastOpened,
        long latestCheckpoint,
        SortedMap<Long, IterationCommitted> sinceCheckpoint,
        RunEvent lastEvent) {

    /** The state of a run with no events. */
    public static final RunState EMPTY = new RunState(null, 0, 0, 0, -1, Collections.emptySortedMap(), null);

    /** The state after {@code e} (the event handler; also used on recovery). */
    public RunState apply(RunEvent e) {
        if (e instanceof RunCreated c) {
            long last = c.forkOf() != null ? c.forkOf().iteration() : lastCommitted;
            return new RunState(c, last, envSteps, lastOpened, latestCheckpoint, sinceCheckpoint, e);
        }
        if (e instanceof IterationOpened o) {
            return new RunState(created, lastCommitted, envSteps, o.iteration(), latestCheckpoint, sinceCheckpoint, e);
        }
        if (e instanceof IterationCommitted c) {
            TreeMap<Long, IterationCommitted> commits = new TreeMap<>(sinceCheckpoint);
            commits.put(c.iteration(), c);
            return new RunState(created, c.iteration(), c.envSteps(), lastOpened, latestCheckpoint,
                    Collections.unmodifiableSortedMap(commits), e);
        }
        if (e instanceof CheckpointWritten w) {
            TreeMap<Long, IterationCommitted> commits = new TreeMap<>(sinceCheckpoint.tailMap(w.iteration() + 1));
            return new RunState(created, lastCommitted, envSteps, lastOpened, w.iteration(),
                    Collections.unmodifiableSortedMap(commits), e);
        }
        // RunResumed, RunFinished, RunFailed: recorded, nothing to derive (a resume may continue after an end).
        return new RunState(created, lastCommitted, envSteps, lastOpened, latestCheckpoint, sinceCheckpoint, e);
    }

    public boolean isCreated() {
        return created != null;
    }

    /** The recorded commit of {@code iteration} if it is after the latest checkpoint, else null. */
    public IterationCommitted committed(long iteration) {
        return sinceCheckpoint.get(iteration);
    }
}
