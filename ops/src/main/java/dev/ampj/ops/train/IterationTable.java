package dev.ampj.ops.train;

import dev.ampj.actors.pipeline.IterationOutcome;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.storage.event.CheckpointWritten;
import dev.ampj.storage.event.IterationCommitted;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The per-iteration table of {@code amp train/resume/fork} (one row per committed iteration, like
 * rsl_rl's log: throughput, rewards, discriminator accuracy, episode length, losses, stage times and
 * the pipeline overhead) on stdout, and a progress bar on stderr.
 */
public final class IterationTable implements TrainingListener, AutoCloseable {

    static final String HEADER = String.format(Locale.ROOT,
            "%6s %9s %8s %8s %6s %7s %9s %9s %8s %8s | %8s %8s %8s %8s %8s %8s %8s %6s",
            "iter", "steps/s", "task_r", "style_r", "D_acc", "ep_len", "surr", "value", "D_loss", "style_d",
            "rollout", "transpt", "style", "D_upd", "PPO_upd", "commit", "total", "ovh%");
    static final int HEADER_EVERY = 25;
    /** The bar's note while a resume re-executes logged iterations. */
    static final String REEXECUTING = " re-executing (digests checked)";

    private final PrintWriter out;
    private final ProgressBar bar;
    private final long first;
    private final long stepsPerIteration;
    private int rows;

    /** True when stderr is a terminal: the bar redraws in place there, elsewhere it would print a line per update. */
    public static boolean interactive() {
        return System.console() != null;
    }

    /**
     * Rows for iterations {@code first}..{@code target}; the bar counts them. A resume passes the
     * first iteration it re-executes (after its checkpoint) as {@code first}: the bar then also
     * counts the re-executed iterations, marked as such, so a long re-execution shows progress.
     */
    public IterationTable(PrintWriter out, String run, long first, long target, long stepsPerIteration, boolean progressBar) {
        this.out = out;
        this.first = first;
        this.stepsPerIteration = stepsPerIteration;
        // The bar redraws on the current stderr line ("\r"), under the same lock as the rows, so a row
        // never lands in the middle of a bar.
        this.bar = progressBar ? new ProgressBarBuilder().setTaskName(run).setInitialMax(Math.max(0, target - first + 1))
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                .setConsumer(new DelegatingProgressBarConsumer(this::drawBar)).build() : null;
    }

    /** One line on stderr that does not collide with the bar. */
    public synchronized void note(PrintWriter err, String line) {
        if (bar != null) {
            System.err.print("\r\033[2K");
            System.err.flush();
        }
        err.println(line);
        err.flush();
    }

    private synchronized void drawBar(String line) {
        System.err.print("\r" + line);
        System.err.flush();
    }

    @Override
    public void onCommitted(IterationCommitted c) {
        synchronized (this) {
            if (bar != null) {
                System.err.print("\r\033[2K"); // clear the bar's line; it redraws under the new row
                System.err.flush();
            }
            if (rows++ % HEADER_EVERY == 0) {
                out.println(HEADER);
            }
            out.println(row(c, stepsPerIteration, styleDistance));
            out.flush();
        }
        if (bar != null) {
            bar.setExtraMessage("");
            bar.stepTo(c.iteration() - first + 1);
        }
    }

    @Override
    public void onVerified(IterationOutcome.Done d) {
        synchronized (this) {
            if (bar != null) {
                System.err.print("\r\033[2K");
                System.err.flush();
            }
            out.println(String.format(Locale.ROOT, "%6d re-executed: policy %s, discriminator %s match the log", d.iteration(),
                    d.policyDigest().substring(0, 12), d.discriminatorDigest().substring(0, 12)));
            out.flush();
        }
        if (bar != null) {
            bar.setExtraMessage(REEXECUTING);
            bar.stepTo(Math.max(0, d.iteration() - first + 1));
        }
    }

    @Override
    public void onCheckpoint(CheckpointWritten c) {
        out.println(String.format(Locale.ROOT, "%6d checkpoint %s (%.1f KiB)", c.iteration(), c.blobDigest().substring(0, 12),
                c.sizeBytes() / 1024.0));
        out.flush();
    }

    @Override
    public void onEnd(RunOutcome outcome) {
        close();
    }

    /** One table row. Overhead = everything that is neither simulation, style scoring nor the updates. */
    static String row(IterationCommitted c, long stepsPerIteration) {
        return row(c, stepsPerIteration, Double.NaN);
    }

    /** As {@link #row(IterationCommitted, long)}, with the latest in-training eval's style distance (NaN: none yet). */
    static String row(IterationCommitted c, long stepsPerIteration, double styleDistance) {
        Map<String, Double> s = c.statistics();
        Map<String, Double> t = c.stageMillis();
        double commit = t.getOrDefault("commit", 0.0);
        double total = t.getOrDefault("iteration", 0.0) + commit;
        double work = t.getOrDefault("rollout", 0.0) + t.getOrDefault("style_reward", 0.0) + t.getOrDefault("learn", 0.0);
        return String.format(Locale.ROOT,
                "%6d %9.0f %8.4f %8.4f %6.3f %7.1f %9.4f %9.4f %8.4f %8s | %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %6.1f",
                c.iteration(), stepsPerIteration / Math.max(1e-9, total / 1000.0), s.get("task_reward"), s.get("style_reward"),
                s.get("disc_accuracy"), s.get("episode_length"), s.get("surrogate_loss"), s.get("value_loss"),
                s.get("disc_loss"), Double.isNaN(styleDistance) ? "-" : String.format(Locale.ROOT, "%.2f", styleDistance),
                t.get("rollout"), t.get("transport"), t.get("style_reward"), t.get("d_update"),
                t.get("ppo_update"), commit, total, 100.0 * Math.max(0, total - work) / Math.max(1e-9, total));
    }

    private boolean closed;
    private double styleDistance = Double.NaN;

    /** The latest in-training eval's style distance: it shows in the rows from now on. */
    public synchronized void evaluated(double styleDistance) {
        this.styleDistance = styleDistance;
    }

    /**
     * Ends the bar. Not under this table's lock: the bar's last render, which {@code ProgressBar.close}
     * waits for, draws through {@link #drawBar}, which takes it.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (bar != null) {
            bar.close();
            System.err.println();
            System.err.flush();
        }
    }
}
