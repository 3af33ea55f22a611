package dev.ampj.sim.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PartitionedRunnerTest {

    @Test
    void everySlotRunsOnceInAFixedPartition() {
        try (PartitionedRunner r = new PartitionedRunner(10, 3, "test")) {
            assertEquals(3, r.threads());
            int[] hits = new int[10];
            String[] owner = new String[10];
            for (int round = 0; round < 50; round++) {
                r.run((from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits[i]++;
                        owner[i] = Thread.currentThread().getName().startsWith("test-") ? Thread.currentThread().getName()
                                : "caller";
                    }
                });
            }
            assertArrayEquals(new int[] {50, 50, 50, 50, 50, 50, 50, 50, 50, 50}, hits);
            assertArrayEquals(new String[] {"caller", "caller", "caller", "test-1", "test-1", "test-1", "test-2", "test-2",
                "test-2", "test-2"}, owner);
        }
    }

    @Test
    void aFailureInAWorkerReachesTheCaller() {
        try (PartitionedRunner r = new PartitionedRunner(4, 2, "test")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.run((from, to) -> {
                if (from > 0) {
                    throw new IllegalStateException("boom in " + from);
                }
            }));
            assertEquals("boom in 2", e.getMessage());
            int[] n = new int[1];
            r.run((from, to) -> {
                synchronized (n) {
                    n[0] += to - from;
                }
            });
            assertEquals(4, n[0], "the runner still works after a failure");
        }
    }

    @Test
    void moreThreadsThanSlotsUsesOnePerSlot() {
        try (PartitionedRunner r = new PartitionedRunner(2, 8, "test")) {
            assertEquals(2, r.threads());
        }
    }
}
