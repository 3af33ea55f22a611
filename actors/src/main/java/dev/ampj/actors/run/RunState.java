package dev.ampj.actors.run;

import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunFailed;
import dev.ampj.storage.event.RunFinished;
import java.util.TreeMap;

/**
 * What the RunSupervisor knows of its run, rebuilt from the run's events on recovery: the first
 * event, the last committed iteration, the latest checkpoint, and the commits after it (the digests
 * a resume must reproduce while it re-executes from that checkpoint). Small by construction.
 */
public final class RunState {

    private RunCreated created;
    private long lastCommitted;
    private long envSteps;
    private long lastOpened;
    private long latestCheckpoint = -1;
    private final TreeMap<Long, IterationCommitted> sinceCheckpoint = new TreeMap<>();
    private RunEvent lastEvent;

    /** Applies one persisted event (the event handler; also used on recovery). */
    public RunState apply(RunEvent e) {
        lastEvent = e;
        if (e instanceof RunCreated c) {
            created = c;
            if (c.forkOf() != null) {
                lastCommitted = c.forkOf().iteration();
            }
        } else if (e instanceof IterationOpened o) {
            lastOpened = o.iteration();
        } else if (e instanceof IterationCommitted c) {
            lastCommitted = c.iteration();
            envSteps = c.envSteps();
            sinceCheckpoint.put(c.iteration(), c);
        } else if (e instanceof CheckpointWritten w) {
            latestCheckpoint = w.iteration();
            sinceCheckpoint.headMap(w.iteration(), true).clear();
        } else if (e instanceof RunFinished || e instanceof RunFailed) {
            // terminal for now; a resume may continue after it
        }
        return this;
    }

    public boolean isCreated() {
        return created != null;
    }

    public RunCreated created() {
        return created;
    }

    public long lastCommitted() {
        return lastCommitted;
    }

    public long envSteps() {
        return envSteps;
    }

    public long lastOpened() {
        return lastOpened;
    }

    public long latestCheckpoint() {
        return latestCheckpoint;
    }

    /** The recorded commit of {@code iteration} if it is after the latest checkpoint, else null. */
    public IterationCommitted committed(long iteration) {
        return sinceCheckpoint.get(iteration);
    }

    public RunEvent lastEvent() {
        return lastEvent;
    }
}
