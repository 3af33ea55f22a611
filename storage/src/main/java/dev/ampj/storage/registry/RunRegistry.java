package dev.ampj.storage.registry;

import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.event.RunEvent;
import dev.ampj.storage.event.RunFailed;
import dev.ampj.storage.event.RunFinished;
import dev.ampj.storage.event.RunResumed;
import dev.ampj.storage.log.CorruptLogException;
import dev.ampj.storage.log.IntegrityReport;
import dev.ampj.storage.log.LogEntry;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.log.WriterLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs under a runs root, read from their logs only: a run directory is a run when it has an
 * {@code events/} queue. Listing never takes a writer lock and never writes.
 */
public final class RunRegistry {

    private final Path runsDir;

    public RunRegistry(Path runsDir) {
        this.runsDir = runsDir;
    }

    public Path runsDir() {
        return runsDir;
    }

    /** Run names, sorted. A missing runs root is an empty list. */
    public List<String> names() {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.filter(p -> Files.isDirectory(p.resolve("events")))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> {
                        try {
                            RunDirectory.requireValidName(n);
                            return true;
                        } catch (IllegalArgumentException e) {
                            return false;
                        }
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list runs in " + runsDir, e);
        }
    }

    public RunDirectory directory(String name) {
        return RunDirectory.of(runsDir, name);
    }

    /** Summaries of every run, sorted by name; an unreadable run is listed as CORRUPT, not skipped. */
    public List<RunSummary> list() {
        return list(false);
    }

    /** Like {@link #list()}; with {@code verify}, every document of every run is checked. */
    public List<RunSummary> list(boolean verify) {
        List<RunSummary> out = new ArrayList<>();
        for (String name : names()) {
            out.add(summary(name, verify));
        }
        return out;
    }

    public RunSummary summary(String name) {
        return summary(name, false);
    }

    /**
     * Summarises a run from its first and last documents; with {@code verify}, every document's
     * checksum is checked first. A damaged run is CORRUPT, summarised from its good prefix.
     */
    public RunSummary summary(String name, boolean verify) {
        RunDirectory dir = directory(name);
        Optional<String> writer = WriterLock.holder(dir.writerLock());
        try (RunLogReader log = RunLogReader.open(dir)) {
            if (verify) {
                IntegrityReport report = log.verify();
                if (!report.intact()) {
                    return fromPrefix(name, log.readGoodPrefix().entries(), report.toString());
                }
            }
            Optional<CorruptLogException> torn = log.tornTail();
            if (torn.isPresent()) {
                return fromPrefix(name, log.readGoodPrefix().entries(), torn.get().getMessage());
            }
            try {
                return fromTail(name, log, writer);
            } catch (CorruptLogException e) {
                return fromPrefix(name, log.readGoodPrefix().entries(), e.getMessage());
            }
        } catch (IllegalArgumentException e) {
            return corrupt(name, e.getMessage());
        }
    }

    private RunSummary fromPrefix(String name, List<LogEntry> good, String why) {
        if (good.isEmpty() || !(good.get(0).event() instanceof RunCreated created)) {
            return corrupt(name, why);
        }
        IterationCommitted last = null;
        RunFinished finished = null;
        RunResumed resumed = null;
        for (LogEntry e : good) {
            if (e.event() instanceof IterationCommitted c) {
                last = c;
            } else if (e.event() instanceof RunFinished f) {
                finished = f;
            } else if (e.event() instanceof RunResumed r) {
                resumed = r;
            }
        }
        long forkIteration = created.fork().map(f -> f.iteration()).orElse(-1L);
        long iterations = last != null ? last.iteration() : Math.max(0L, forkIteration);
        return new RunSummary(name, RunStatus.CORRUPT, iterations, target(created, resumed, finished, iterations),
                last != null ? last.envSteps() : 0,
                last != null ? last.policyDigest() : "", last != null ? last.discriminatorDigest() : "",
                created.fork().map(f -> f.parentRun()).orElse(null), forkIteration, good.get(0).wallTimeMillis(), why);
    }

    private RunSummary fromTail(String name, RunLogReader log, Optional<String> writer) {
        RunCreated created;
        long createdMillis;
        try (var t = log.tailFromStart()) {
            Optional<LogEntry> first = t.next();
            if (first.isEmpty() || !(first.get().event() instanceof RunCreated c)) {
                return corrupt(name, "log does not start with RunCreated");
            }
            created = c;
            createdMillis = first.get().wallTimeMillis();
        }
        Optional<RunEvent> last = log.lastMatching(e -> true).map(LogEntry::event);
        Optional<IterationCommitted> committed = log.lastCommitted();
        RunStatus status;
        String detail = "";
        if (last.orElse(null) instanceof RunFinished) {
            status = RunStatus.FINISHED;
        } else if (last.orElse(null) instanceof RunFailed f) {
            status = RunStatus.FAILED;
            detail = f.reason();
        } else if (writer.isPresent()) {
            status = RunStatus.RUNNING;
            detail = "written by " + writer.get();
        } else {
            status = RunStatus.STOPPED;
        }
        long forkIteration = created.fork().map(f -> f.iteration()).orElse(-1L);
        long iterations = committed.map(IterationCommitted::iteration).orElse(Math.max(0L, forkIteration));
        return new RunSummary(name, status, iterations,
                target(created, latestResume(log), last.orElse(null) instanceof RunFinished f ? f : null, iterations),
                committed.map(IterationCommitted::envSteps).orElse(0L),
                committed.map(IterationCommitted::policyDigest).orElse(""),
                committed.map(IterationCommitted::discriminatorDigest).orElse(""),
                created.fork().map(f -> f.parentRun()).orElse(null),
                forkIteration, createdMillis, detail);
    }

    /**
     * The latest checkpoint of {@code run} at or before {@code iteration}; if the run has none,
     * its parent's at or before the fork iteration, and so on up the lineage. Empty means
     * "start from iteration 0" (the initial state follows from the seed).
     */
    public Optional<LocatedCheckpoint> checkpointAtOrBefore(String run, long iteration) {
        String current = run;
        long bound = iteration;
        for (int depth = 0; depth < 10_000; depth++) {
            RunDirectory dir = directory(current);
            RunCreated created;
            try (RunLogReader log = RunLogReader.open(dir)) {
                Optional<dev.ampj.storage.event.CheckpointWritten> cp = log.latestCheckpointAtOrBefore(bound);
                if (cp.isPresent()) {
                    return Optional.of(new LocatedCheckpoint(current, cp.get(), dir.checkpoints().resolve(cp.get().blobDigest())));
                }
                created = log.runCreated();
            }
            if (created.fork().isEmpty()) {
                return Optional.empty();
            }
            bound = Math.min(bound, created.fork().get().iteration());
            current = created.fork().get().parentRun();
        }
        throw new IllegalStateException("lineage of run '" + run + "' is deeper than 10,000 (a cycle?)");
    }

    /**
     * The latest resume, looked up from the tail like the other summary fields: a damaged document
     * further back ends the look-up (null: the first session's target stands), as it does for them;
     * only a verifying summary reads past it.
     */
    private static RunResumed latestResume(RunLogReader log) {
        try {
            return log.lastMatching(RunResumed.TYPE_TAG, e -> true).map(e -> (RunResumed) e.event()).orElse(null);
        } catch (CorruptLogException e) {
            return null;
        }
    }

    /**
     * The target a run was last trained to: the latest resume's ({@code RunResumed}), else the first
     * session's ({@code RunCreated}; a fork records its own there). Runs logged before resumes were
     * recorded show at least what they committed, or the iteration they finished at.
     */
    private static long target(RunCreated created, RunResumed resumed, RunFinished finished, long committed) {
        long given = resumed != null ? resumed.targetIterations() : created.targetIterations();
        long target = Math.max(given, committed);
        return finished != null ? Math.max(target, finished.lastIteration()) : target;
    }

    private static RunSummary corrupt(String name, String why) {
        return new RunSummary(name, RunStatus.CORRUPT, 0, 0, 0, "", "", null, -1, 0, why);
    }

    /** The lineage forest: roots are fresh runs and forks whose parent is not under this root. */
    public List<LineageNode> lineage() {
        return lineage(list());
    }

    /** The lineage forest of already-listed runs (see {@link Lineage#forest}). */
    public static List<LineageNode> lineage(List<RunSummary> runs) {
        return Lineage.forest(runs);
    }
}
