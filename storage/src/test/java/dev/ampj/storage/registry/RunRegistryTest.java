package dev.ampj.storage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.storage.Fixtures;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.ForkPoint;
import dev.ampj.storage.event.IterationOpened;
import dev.ampj.storage.event.RunFailed;
import dev.ampj.storage.event.RunFinished;
import dev.ampj.storage.event.RunResumed;
import dev.ampj.storage.log.RunLogWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRegistryTest {

    @TempDir
    Path runs;

    private static void iterations(RunLogWriter w, long from, long to) {
        for (long i = from; i <= to; i++) {
            w.append(new IterationOpened(i));
            w.append(Fixtures.committed(i));
        }
    }

    @Test
    void aResumeStoppedBeforeItsTargetStillShowsTheTargetItWasGiven() {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        try (RunLogWriter w = store.create(Fixtures.created("resumed"))) { // created with target 100
            iterations(w, 1, 100);
            w.append(new RunFinished(100));
            w.append(new RunResumed(100, 250));
            iterations(w, 101, 120);
        }
        RunSummary s = store.registry().summary("resumed");
        assertEquals(RunStatus.STOPPED, s.status());
        assertEquals(120, s.iterations());
        assertEquals(250, s.targetIterations(), "the resume's target, not the first session's");
        try (RunLogWriter w = store.openWriter("resumed")) {
            w.append(new RunResumed(120, 110)); // a log written by hand: the summary still never goes below the commits
        }
        assertEquals(120, store.registry().summary("resumed").targetIterations(), "never below what it committed");
    }

    @Test
    void parentForkAndForkOfForkFormATreeWithForkIterations() {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        try (RunLogWriter w = store.create(Fixtures.created("base"))) {
            iterations(w, 1, 30);
            w.append(new RunFinished(30));
        }
        try (RunLogWriter w = store.create(Fixtures.created("fork-b", new ForkPoint("base", 20)))) {
            iterations(w, 21, 25);
            w.append(new RunFailed(25, "diverged"));
        }
        try (RunLogWriter w = store.create(Fixtures.created("fork-a", new ForkPoint("base", 10)))) {
            iterations(w, 11, 12);
        }
        RunLogWriter live = store.create(Fixtures.created("fork-of-fork", new ForkPoint("fork-a", 12)));
        try (live) {
            List<LineageNode> roots = store.registry().lineage();
            assertEquals(1, roots.size());
            LineageNode base = roots.get(0);
            assertEquals("base", base.run().name());
            assertEquals(RunStatus.FINISHED, base.run().status());
            assertEquals(30, base.run().iterations());
            assertEquals(Fixtures.digest("policy30"), base.run().policyDigest());
            assertEquals(Fixtures.digest("disc30"), base.run().discriminatorDigest());
            assertEquals(30 * 4096, base.run().envSteps());
            assertNull(base.run().parent());
            assertEquals(List.of("fork-a", "fork-b"), base.children().stream().map(n -> n.run().name()).toList(),
                    "children ordered by fork iteration");
            LineageNode a = base.children().get(0);
            assertEquals(10, a.run().forkIteration());
            assertEquals(RunStatus.STOPPED, a.run().status());
            assertEquals(12, a.run().iterations());
            LineageNode b = base.children().get(1);
            assertEquals(RunStatus.FAILED, b.run().status());
            assertEquals("diverged", b.run().detail());
            assertEquals(1, a.children().size());
            RunSummary fof = a.children().get(0).run();
            assertEquals("fork-of-fork", fof.name());
            assertEquals("fork-a", fof.parent());
            assertEquals(12, fof.forkIteration());
            assertEquals(12, fof.iterations(), "a fork with no commit yet stands at its fork iteration");
            assertEquals(RunStatus.RUNNING, fof.status());
            assertTrue(fof.detail().contains("this process"), fof.detail());
        }
        assertEquals(RunStatus.STOPPED, store.registry().summary("fork-of-fork").status());
        assertEquals(List.of("base", "fork-a", "fork-b", "fork-of-fork"), store.registry().names());
    }

    @Test
    void checkpointLookupWalksUpTheLineage() {
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        try (RunLogWriter w = store.create(Fixtures.created("root"))) {
            for (long i = 1; i <= 30; i++) {
                w.append(new IterationOpened(i));
                w.append(Fixtures.committed(i));
                if (i % 10 == 0) {
                    w.append(new CheckpointWritten(i, Fixtures.digest("root" + i), 10));
                }
            }
        }
        try (RunLogWriter w = store.create(Fixtures.created("child", new ForkPoint("root", 25)))) {
            for (long i = 26; i <= 32; i++) {
                w.append(new IterationOpened(i));
                w.append(Fixtures.committed(i));
            }
            w.append(new CheckpointWritten(31, Fixtures.digest("child31"), 10));
        }
        try (RunLogWriter w = store.create(Fixtures.created("grandchild", new ForkPoint("child", 28)))) {
            w.append(new IterationOpened(29));
        }
        RunRegistry registry = store.registry();
        LocatedCheckpoint own = registry.checkpointAtOrBefore("child", 40).orElseThrow();
        assertEquals("child", own.run());
        assertEquals(31, own.checkpoint().iteration());
        assertEquals(store.directory("child").checkpoints().resolve(Fixtures.digest("child31")), own.blob());
        LocatedCheckpoint inherited = registry.checkpointAtOrBefore("grandchild", 100).orElseThrow();
        assertEquals("root", inherited.run(), "child's checkpoint 31 is after the fork at 28");
        assertEquals(20, inherited.checkpoint().iteration());
        assertEquals(Optional.empty(), registry.checkpointAtOrBefore("root", 9));
    }

    @Test
    void emptyOrMissingRootListsNothing() {
        assertEquals(List.of(), new RunRegistry(runs.resolve("absent")).list());
        assertEquals(List.of(), new RunRegistry(runs).lineage());
    }
}
