package dev.ampj.storage.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs the official ScalaTest-based pekko-persistence-tck specs from JUnit 5: the Java specs carry
 * no JUnit runner, so ScalaTest's own Runner executes them; per-case results go to the test output.
 */
class PersistenceTckTest {

    private static boolean run(Class<?> spec) {
        return org.scalatest.tools.Runner.run(new String[] {"-R", "target/test-classes", "-oDW", "-s", spec.getName()});
    }

    @Test
    void journalPassesTheTck() {
        assertTrue(run(ChronicleJournalSpec.class), "pekko-persistence-tck JournalSpec failed: see the test output");
    }

    @Test
    void snapshotStorePassesTheTck() {
        assertTrue(run(ChronicleSnapshotStoreSpec.class), "pekko-persistence-tck SnapshotStoreSpec failed: see the test output");
    }
}
