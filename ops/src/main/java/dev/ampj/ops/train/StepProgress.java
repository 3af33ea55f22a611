package dev.ampj.ops.train;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for a long command that counts steps (render, play), drawn like the
 * training table's: only on a terminal and without {@code --no-progress}; otherwise silent.
 */
public final class StepProgress implements IntConsumer, AutoCloseable {

    private final ProgressBar bar;

    public StepProgress(String task, long total, boolean enabled) {
        this.bar = enabled && IterationTable.interactive() ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    System.err.print("\r" + line);
                    System.err.flush();
                })).build() : null;
    }

    @Override
    public void accept(int done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            System.err.println();
            System.err.flush();
        }
    }
}
