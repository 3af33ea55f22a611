package dev.ampj.storage.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.registry.RunRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceIdsTest {

    @TempDir
    Path runs;

    @Test
    void aRunNameIsTheRunAndOtherIdsAreHiddenFromListings() throws Exception {
        assertEquals(RunDirectory.of(runs, "walk-2026"), PersistenceIds.directory(runs, "walk-2026"));
        RunDirectory other = PersistenceIds.directory(runs, "/system/sharding/Coordinator");
        assertEquals(runs.resolve(".persistence"), other.root().getParent());
        assertEquals(other, PersistenceIds.directory(runs, "/system/sharding/Coordinator"), "stable");
        assertNotEquals(other, PersistenceIds.directory(runs, "/system/sharding/Coordinator2"));
        Files.createDirectories(other.events());
        Files.createDirectories(RunDirectory.of(runs, "walk-2026").events());
        assertEquals(List.of("walk-2026"), new RunRegistry(runs).names());
        assertTrue(other.name().startsWith("pid-"));
    }
}
