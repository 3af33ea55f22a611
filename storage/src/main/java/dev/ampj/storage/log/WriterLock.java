package dev.ampj.storage.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The single-writer lock of a run: an OS file lock ({@code fcntl}) on {@code writer.lock}, whose
 * content names the holder (pid, host, since) for error messages.
 *
 * <p>Why an OS lock rather than Chronicle's: Chronicle's write lock is held only during one append
 * and serialises concurrent writers instead of refusing them. The kernel releases an fcntl lock
 * when its process dies (SIGKILL included), so a dead writer's lock is taken over safely and at
 * once, with no stale-PID guessing; the PID in the file is only reported. POSIX drops all of a
 * process's locks on a file when any of its channels to that file closes, so this process never
 * opens a lock file it already holds ({@link #HELD}).
 */
public final class WriterLock implements AutoCloseable {

    private static final Set<Path> HELD = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws {@link RunLockedException} naming the live holder. */
    public static WriterLock acquire(Path lockFile, String run) {
        Path key = lockFile.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.contains(key)) {
                throw new RunLockedException("run '" + run + "' is already open for writing in this process (" + key + ")");
            }
            FileChannel ch = null;
            try {
                Files.createDirectories(key.getParent());
                ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    String holder = describe(readHolder(ch));
                    ch.close();
                    throw new RunLockedException("run '" + run + "' is being written by " + holder + "; a second writer is refused (" + key + ")");
                }
                String previous = readHolder(ch);
                if (!previous.isBlank()) {
                    org.slf4j.LoggerFactory.getLogger(WriterLock.class)
                            .info("run '{}': took over the writer lock left by {}", run, describe(previous));
                }
                byte[] me = ("pid=" + ProcessHandle.current().pid() + "\nhost=" + host() + "\nsince=" + Instant.now() + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(me), 0);
                ch.force(true);
                HELD.add(key);
                return new WriterLock(key, ch, lock);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new UncheckedIOException("cannot lock " + key, e);
            } catch (OverlappingFileLockException e) {
                closeQuietly(ch);
                throw new RunLockedException("run '" + run + "' is already open for writing in this process (" + key + ")");
            }
        }
    }

    /** Who holds the lock now ("pid 123 on host h since t"), or empty when nobody does. */
    public static Optional<String> holder(Path lockFile) {
        Path key = lockFile.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.contains(key)) {
                return Optional.of("this process (pid " + ProcessHandle.current().pid() + ")");
            }
            try (FileChannel ch = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock probe = ch.tryLock();
                if (probe != null) {
                    probe.release();
                    return Optional.empty();
                }
                return Optional.of(describe(readHolder(ch)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot probe " + key, e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            try {
                if (lock.isValid()) {
                    channel.truncate(0); // a clean close leaves no holder behind; a crash leaves its pid
                    lock.release();
                }
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release " + file, e);
            } finally {
                HELD.remove(file);
            }
        }
    }

    private static String readHolder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static String describe(String content) {
        String pid = field(content, "pid");
        String alive = "";
        try {
            alive = ProcessHandle.of(Long.parseLong(pid)).map(p -> p.isAlive() ? " (alive)" : " (dead)").orElse(" (dead)");
        } catch (NumberFormatException e) {
            // unknown pid: report what the file says
        }
        return "pid " + pid + alive + " on host " + field(content, "host") + " since " + field(content, "since");
    }

    private static String field(String content, String name) {
        for (String line : content.split("\n")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1);
            }
        }
        return "?";
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the original failure is what matters
            }
        }
    }
}
