package dev.ampj.storage.checkpoint;

import dev.ampj.common.Digests;
import dev.ampj.storage.event.Sha256Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Content-addressed checkpoint blobs of a run ({@code runs/<run>/checkpoints/<sha256>}), referenced
 * from the event log by {@link dev.ampj.storage.event.CheckpointWritten}. Large learner states live
 * here, outside the events queue, so they never slow event reads. Writes are atomic (temporary
 * file, fsync, rename, directory fsync); reads verify the digest. Safe for concurrent use: each
 * write has its own temporary file and identical content lands on the same name.
 */
public final class CheckpointStore {

    /** Write buffer: large enough to amortise syscalls, small enough to stay cache-friendly. */
    static final int BUFFER_BYTES = 1 << 20;

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** Starts a streamed write (use with try-with-resources; call {@link CheckpointOutput#commit()}). */
    public CheckpointOutput create() {
        try {
            Files.createDirectories(dir);
            return new CheckpointOutput(dir, BUFFER_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint in " + dir, e);
        }
    }

    /** Stores {@code bytes} and returns their reference. */
    public CheckpointRef put(byte[] bytes) {
        try (CheckpointOutput out = create()) {
            out.write(bytes, 0, bytes.length);
            return out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint in " + dir, e);
        }
    }

    public boolean contains(String digest) {
        return Files.isRegularFile(path(digest));
    }

    public Path path(String digest) {
        return dir.resolve(Sha256Hex.require(digest, "checkpoint digest"));
    }

    /**
     * Reads a blob and checks that it hashes to {@code digest}; a missing or damaged blob is
     * reported with its path ({@link IllegalArgumentException} / {@link CorruptCheckpointException}).
     */
    public byte[] read(String digest) {
        Path file = path(digest);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new CorruptCheckpointException("checkpoint " + file + " is " + size + " bytes, too large to read into memory");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read fully
            }
            byte[] bytes = buf.array();
            MessageDigest sha = Digests.sha256();
            sha.update(bytes, 0, buf.position());
            String actual = Digests.hex(sha.digest());
            if (!actual.equals(digest) || buf.position() != size) {
                throw new CorruptCheckpointException("checkpoint " + file + " is damaged: its bytes hash to " + actual
                        + ", expected " + digest);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + digest + " is missing: no file " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
    }

    /** Makes a rename durable: fsync of the directory entry (Linux supports it on a read-only channel). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse directory fsync; the rename itself is still atomic.
            if (!System.getProperty("os.name", "").startsWith("Linux")) {
                return;
            }
            throw e;
        }
    }
}
