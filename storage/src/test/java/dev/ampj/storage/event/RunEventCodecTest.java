package dev.ampj.storage.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.storage.Fixtures;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunEventCodecTest {

    static List<RunEvent> everyType() {
        return List.of(
                Fixtures.created("base"),
                Fixtures.created("fork-1", new ForkPoint("base", 17)),
                new IterationOpened(18),
                Fixtures.committed(18),
                new CheckpointWritten(18, Fixtures.digest("blob"), 52_428_800L),
                new RunFinished(100),
                new RunFailed(42, "discriminator loss became NaN at iteration 43"),
                new RunResumed(100, 250));
    }

    @Test
    void everyEventTypeRoundTrips() {
        for (RunEvent e : everyType()) {
            RunEvent back = RunEventCodec.decode(RunEventCodec.encode(e));
            assertEquals(e, back, e.getClass().getSimpleName());
        }
    }

    @Test
    void mapOrderSurvivesTheRoundTrip() {
        IterationCommitted c = Fixtures.committed(3);
        IterationCommitted back = (IterationCommitted) RunEventCodec.decode(RunEventCodec.encode(c));
        assertEquals(List.of("surrogate_loss", "value_loss", "amp_loss"), List.copyOf(back.statistics().keySet()));
        RunCreated r = (RunCreated) RunEventCodec.decode(RunEventCodec.encode(Fixtures.created("x")));
        assertEquals(List.of("djl", "java", "pytorch"), List.copyOf(r.versions().keySet()), "versions are sorted by key");
    }

    @Test
    void stageTimingsAreNotDigested() {
        IterationCommitted a = Fixtures.committed(5);
        Map<String, Double> other = new LinkedHashMap<>();
        other.put("collect", 1.0);
        IterationCommitted b = new IterationCommitted(5, a.envSteps(), a.policyDigest(), a.discriminatorDigest(), a.statistics(), other);
        assertArrayEquals(RunEventCodec.digestedBytes(a), RunEventCodec.digestedBytes(b));
        assertFalse(java.util.Arrays.equals(RunEventCodec.encode(a), RunEventCodec.encode(b)));
        Map<String, Double> stats = new LinkedHashMap<>(a.statistics());
        stats.put("amp_loss", 0.26);
        IterationCommitted c = new IterationCommitted(5, a.envSteps(), a.policyDigest(), a.discriminatorDigest(), stats, a.stageMillis());
        assertNotEquals(List.of(RunEventCodec.digestedBytes(a)), List.of(RunEventCodec.digestedBytes(c)));
        assertFalse(java.util.Arrays.equals(RunEventCodec.digestedBytes(a), RunEventCodec.digestedBytes(c)));
    }

    @Test
    void unknownSchemaVersionIsRefused() {
        byte[] bytes = RunEventCodec.encode(new RunFinished(3));
        bytes[2] = 2; // schema version 2 (little-endian u16 after the type tag)
        UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class, () -> RunEventCodec.decode(bytes));
        assertTrue(e.getMessage().contains("RunFinished") && e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void unknownTypeTagIsRefused() {
        byte[] bytes = RunEventCodec.encode(new RunFinished(3));
        bytes[0] = 99;
        UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class, () -> RunEventCodec.decode(bytes));
        assertTrue(e.getMessage().contains("unknown event type tag 99"), e.getMessage());
    }

    @Test
    void truncatedEventFailsLoudly() {
        byte[] bytes = RunEventCodec.encode(Fixtures.committed(2));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 5);
        assertThrows(MalformedDocumentException.class, () -> RunEventCodec.decode(cut));
    }

    @Test
    void badValuesAreRefusedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointWritten(1, "ABC", 3));
        assertThrows(IllegalArgumentException.class, () -> new IterationOpened(0));
        Map<String, Double> unordered = new HashMap<>(Map.of("a", 1.0, "b", 2.0));
        IterationCommitted c = Fixtures.committed(1);
        assertThrows(IllegalArgumentException.class,
                () -> new IterationCommitted(1, 1, c.policyDigest(), c.discriminatorDigest(), unordered, Map.of()));
    }
}
