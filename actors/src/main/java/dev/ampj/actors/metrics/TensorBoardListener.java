package dev.ampj.actors.metrics;

import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.tensorboard.EventFileWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every iteration this session commits to a new TensorBoard event file under the run's
 * {@code tb/} directory, step = iteration. Re-executed iterations of a resume are not written
 * again: the earlier session's file holds them. The files are a view, never read back: an I/O
 * error is logged once and ends the writing, not the run. The event's wall time is the only
 * clock read, and it is never digested.
 */
public final class TensorBoardListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(TensorBoardListener.class);

    private final Path dir;
    private final String host;
    private final long stepsPerIteration;
    private EventFileWriter writer;
    private boolean failed;

    public TensorBoardListener(Path dir, String host, long stepsPerIteration) {
        this.dir = dir;
        this.host = host;
        this.stepsPerIteration = stepsPerIteration;
    }

    @Override
    public void onCommitted(IterationCommitted c) {
        if (failed) {
            return;
        }
        try {
            double now = System.currentTimeMillis() / 1000.0;
            if (writer == null) {
                writer = EventFileWriter.create(dir, host, ProcessHandle.current().pid(), now);
            }
            writer.write(c.iteration(), now, RunScalars.of(c, stepsPerIteration));
        } catch (UncheckedIOException e) {
            failed = true;
            LOG.warn("TensorBoard files stop here (the run goes on): {}", e.getMessage());
        }
    }

    @Override
    public void onEnd(RunOutcome outcome) {
        if (writer != null) {
            try {
                writer.close();
            } catch (UncheckedIOException e) {
                LOG.warn("{}", e.getMessage());
            }
            writer = null;
        }
    }
}
