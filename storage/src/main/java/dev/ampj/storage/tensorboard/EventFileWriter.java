package dev.ampj.storage.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * One TensorBoard event file: {@code <dir>/events.out.tfevents.<seconds>.<host>.<pid>.<n>}, a
 * {@code file_version} event first, then one scalar event per {@link #write} call, each handed to
 * the OS at once so {@code tensorboard --logdir} sees it while the run trains.
 *
 * <p>Every training session (train, each resume, a fork) opens its own file, as TensorBoard's own
 * writers do: TensorBoard reads a directory's files in name order, and the seconds in the name put
 * a later session after an earlier one. {@code n} makes the name unique when two sessions start in
 * the same second. Failure modes: an I/O error is an {@link UncheckedIOException} naming the file;
 * a process killed mid-write leaves at most a truncated last record, which TensorBoard skips.
 */
public final class EventFileWriter implements AutoCloseable {

    private final Path file;
    private final OutputStream out;

    private EventFileWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Creates a new event file under {@code dir} (created if missing) and writes its file_version event. */
    public static EventFileWriter create(Path dir, String host, long pid, double wallTime) {
        try {
            Files.createDirectories(dir);
            for (int n = 0; ; n++) {
                Path file = dir.resolve(String.format(Locale.ROOT, "events.out.tfevents.%010d.%s.%d.%d",
                        (long) Math.floor(wallTime), host, pid, n));
                try {
                    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    EventFileWriter w = new EventFileWriter(file, out);
                    w.append(SummaryEvents.fileVersion(wallTime));
                    return w;
                } catch (FileAlreadyExistsException taken) {
                    // another session started in the same second: next n
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a TensorBoard event file under " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** One event at {@code step} with the given scalars (tag → value, written as float32). */
    public void write(long step, double wallTime, Map<String, Double> scalars) {
        append(SummaryEvents.scalars(wallTime, step, scalars));
    }

    private void append(byte[] event) {
        try {
            out.write(TfRecord.frame(event));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to TensorBoard event file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close TensorBoard event file " + file + ": " + e.getMessage(), e);
        }
    }
}
