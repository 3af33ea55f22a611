package dev.ampj.sim.env;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a job over slots {@code [0, n)} split into {@code threads} fixed contiguous partitions: the
 * caller owns partition 0, daemon workers the others. Each partition is cut into chunks that its
 * owner claims front to back; a thread whose own partition is used up claims the chunks still left
 * in the others, so a worker that wakes late or a partition of slower envs does not hold the batch
 * up. Envs share nothing, so which thread runs a slot never changes a result: neither the thread
 * count nor the stealing can. Allocation-free per run.
 */
final class PartitionedRunner implements AutoCloseable {

    /** The work for a range of slots. */
    @FunctionalInterface
    interface RangeJob {
        void run(int from, int to);
    }

    /** Chunks per partition: small enough to even out the tail, large enough that claims cost nothing. */
    static final int CHUNKS_PER_PARTITION = 32;
    /** Ints between two partitions' cursors (64 bytes), so owners do not share a cache line. */
    private static final int PAD = 16;
    /**
     * Spins (~0.1–0.2 ms) of the caller waiting for the workers' last chunks before it parks: a
     * park there costs a futex wake-up per step, up to 10% of a 256-env step on 2 threads.
     */
    private static final int SPINS_BEFORE_PARK = 10_000;

    private final int[] bounds;
    private final int chunk;
    /** Next unclaimed slot of partition p at {@code p * PAD}. */
    private final AtomicIntegerArray cursors;
    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread caller;
    private volatile RangeJob job;
    private volatile Throwable failure;
    private volatile boolean closed;

    PartitionedRunner(int n, int threads, String name) {
        int t = Math.max(1, Math.min(threads, n));
        bounds = new int[t + 1];
        for (int k = 0; k <= t; k++) {
            bounds[k] = (int) ((long) n * k / t);
        }
        chunk = Math.max(1, n / (t * CHUNKS_PER_PARTITION));
        cursors = new AtomicIntegerArray(t * PAD);
        workers = new Worker[t - 1];
        for (int k = 1; k < t; k++) {
            workers[k - 1] = new Worker(k, name + "-" + k);
            workers[k - 1].start();
        }
    }

    int threads() {
        return bounds.length - 1;
    }

    /** Slots claimed at a time. */
    int chunk() {
        return chunk;
    }

    /** Runs {@code j} over every slot once and returns when all are done (rethrowing the first failure). */
    void run(RangeJob j) {
        if (workers.length == 0) {
            j.run(bounds[0], bounds[1]);
            return;
        }
        for (int p = 0; p < threads(); p++) {
            cursors.set(p * PAD, bounds[p]);
        }
        caller = Thread.currentThread();
        job = j;
        failure = null;
        pending.set(workers.length);
        for (Worker w : workers) {
            w.go();
        }
        Throwable mine = null;
        try {
            work(0, j);
        } catch (Throwable e) {
            mine = e;
        }
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < SPINS_BEFORE_PARK) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 50_000L);
            }
        }
        job = null;
        Throwable f = mine != null ? mine : failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    /** Thread {@code self}'s share: its own partition's chunks, then whatever the others have left. */
    private void work(int self, RangeJob j) {
        int t = threads();
        for (int k = 0; k < t; k++) {
            int p = (self + k) % t;
            int end = bounds[p + 1];
            int from;
            while ((from = cursors.getAndAdd(p * PAD, chunk)) < end) {
                j.run(from, Math.min(end, from + chunk));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    private final class Worker extends Thread {
        private final int part;
        private volatile long requested;
        private long done;

        Worker(int part, String name) {
            super(name);
            this.part = part;
            setDaemon(true);
        }

        void go() {
            requested++;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (!closed) {
                if (requested == done) {
                    LockSupport.park(this);
                    continue;
                }
                done = requested;
                try {
                    work(part, job);
                } catch (Throwable e) {
                    failure = e;
                }
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
