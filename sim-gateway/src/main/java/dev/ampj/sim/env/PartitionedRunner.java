package dev.ampj.sim.env;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a job over slots {@code [0, n)} split into {@code threads} fixed contiguous partitions: the
 * caller runs partition 0, daemon workers the others. Envs share nothing, so results never depend
 * on the thread count; the fixed partition only fixes who does the work. Allocation-free per run.
 */
final class PartitionedRunner implements AutoCloseable {

    /** The work for a range of slots. */
    @FunctionalInterface
    interface RangeJob {
        void run(int from, int to);
    }

    private final int[] bounds;
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
        workers = new Worker[t - 1];
        for (int k = 1; k < t; k++) {
            workers[k - 1] = new Worker(k, name + "-" + k);
            workers[k - 1].start();
        }
    }

    int threads() {
        return bounds.length - 1;
    }

    /** Runs {@code j} over every partition and returns when all are done (rethrowing the first failure). */
    void run(RangeJob j) {
        if (workers.length == 0) {
            j.run(bounds[0], bounds[1]);
            return;
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
            j.run(bounds[0], bounds[1]);
        } catch (Throwable e) {
            mine = e;
        }
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < 1000) {
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
                    job.run(bounds[part], bounds[part + 1]);
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
