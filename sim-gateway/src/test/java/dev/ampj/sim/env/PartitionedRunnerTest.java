package dev.ampj.sim.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class PartitionedRunnerTest {

    @Test
    void everySlotRunsOncePerRunAcrossFixedPartitions() {
        try (PartitionedRunner r = new PartitionedRunner(10, 3, "test")) {
            assertEquals(3, r.threads());
            AtomicIntegerArray hits = new AtomicIntegerArray(10);
            for (int round = 0; round < 200; round++) {
                r.run((from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < 10; i++) {
                    assertEquals(round + 1, hits.get(i), "slot " + i + " after run " + round);
                }
            }
        }
    }

    @Test
    void aThreadDoneWithItsPartitionTakesChunksOfASlowerOne() {
        // 64 slots, 2 threads, chunks of 1: the worker's slots are slow, so the caller, done with
        // its own 32 fast slots, takes some of the worker's (2 ms each) while the worker does the rest.
        try (PartitionedRunner r = new PartitionedRunner(64, 2, "test")) {
            assertEquals(1, r.chunk());
            String[] ranBy = new String[64];
            r.run((from, to) -> {
                for (int i = from; i < to; i++) {
                    ranBy[i] = Thread.currentThread().getName().startsWith("test-") ? "worker" : "caller";
                    if (i >= 32) {
                        LockSupport.parkNanos(2_000_000L);
                    }
                }
            });
            long stolen = Arrays.stream(ranBy, 32, 64).filter("caller"::equals).count();
            assertTrue(stolen >= 1, "the caller ran none of the worker's 32 slow slots");
            assertTrue(stolen < 32, "the worker ran none of its own slots");
        }
    }

    @Test
    void aFailureInAWorkerReachesTheCaller() {
        try (PartitionedRunner r = new PartitionedRunner(4, 2, "test")) {
            // The caller waits in slot 0 until the worker has failed in slot 2, its first chunk.
            CountDownLatch workerRan = new CountDownLatch(1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.run((from, to) -> {
                if (Thread.currentThread().getName().startsWith("test-")) {
                    workerRan.countDown();
                    throw new IllegalStateException("boom in " + from);
                }
                if (from == 0) {
                    awaitUninterruptibly(workerRan);
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

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
