package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvSnapshotTest {

    private long episode = 3;
    private final float[] action = {1.5f, -2f};
    private final int[] counts = {0, 2};

    private EnvSnapshot layout() {
        return new EnvSnapshot("snapshot block of env 0",
                List.of(SnapshotField.ofLong("episode", () -> episode, v -> episode = v,
                                v -> v < 0 ? "episode " + v : null),
                        SnapshotField.ofFloats("last action", action)),
                List.of(SnapshotField.ofCounts("ground contacts", "geom", counts, 4, () -> {}, () -> {})));
    }

    @Test
    void writesTheFieldsInDeclaredOrderAndReadsThemBack() {
        EnvSnapshot snap = layout();
        assertEquals(8 + 8, snap.dynamicsBytes());
        assertEquals(8 + 8 + 2, snap.bytes());
        assertEquals(List.of("episode", "last action", "ground contacts"), snap.names());
        ByteBuffer b = ByteBuffer.allocate(snap.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        snap.write(b);
        assertEquals(3L, b.getLong(0));
        assertEquals(1.5f, b.getFloat(8));
        assertEquals(2, b.get(17));
        episode = 0;
        action[0] = 0;
        counts[1] = 0;
        b.flip();
        snap.check(b.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        snap.read(b);
        assertEquals(3L, episode);
        assertArrayEquals(new float[] {1.5f, -2f}, action);
        assertArrayEquals(new int[] {0, 2}, counts);
    }

    @Test
    void aCheckNamesTheBlockAndTheInvalidField() {
        EnvSnapshot snap = layout();
        ByteBuffer b = ByteBuffer.allocate(snap.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        snap.write(b);
        b.putFloat(12, Float.NaN);
        b.flip();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> snap.check(b));
        assertTrue(e.getMessage().startsWith("snapshot block of env 0") && e.getMessage().contains("non-finite last action"),
                e.getMessage());
        assertEquals(3L, episode, "a check changes nothing");
    }
}
