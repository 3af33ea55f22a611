package dev.ampj.storage.checkpoint;

import dev.ampj.common.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * A checkpoint being written: bytes stream into a temporary file while their SHA-256 is computed;
 * {@link #commit()} forces them to disk and renames the file to its digest, so a reader sees a
 * complete blob or none. Closing without commit deletes the temporary file.
 */
public final class CheckpointOutput extends OutputStream {

    private final Path dir;
    private final Path tmp;
    private final FileChannel channel;
    private final MessageDigest sha = Digests.sha256();
    private final ByteBuffer buffer;
    private long size;
    private CheckpointRef committed;
    private boolean closed;

    CheckpointOutput(Path dir, int bufferBytes) throws IOException {
        this.dir = dir;
        this.tmp = Files.createTempFile(dir, ".put-", ".tmp");
        this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (!buffer.hasRemaining()) {
            flushBuffer();
        }
        buffer.put((byte) b);
        sha.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        sha.update(b, off, len);
        size += len;
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                flushBuffer();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Makes the blob durable under its digest and returns its reference. */
    public CheckpointRef commit() throws IOException {
        ensureOpen();
        flushBuffer();
        channel.force(true);
        channel.close();
        closed = true;
        String digest = Digests.hex(sha.digest());
        Path target = dir.resolve(digest);
        if (Files.exists(target)) {
            Files.delete(tmp); // same content already stored (content addressing dedups)
        } else {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.delete(tmp);
                throw new IOException("checkpoint directory " + dir + " does not support atomic rename", e);
            }
            CheckpointStore.forceDirectory(dir);
        }
        committed = new CheckpointRef(digest, size);
        return committed;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("checkpoint output already " + (committed != null ? "committed" : "closed"));
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
            Files.deleteIfExists(tmp);
        }
    }
}
