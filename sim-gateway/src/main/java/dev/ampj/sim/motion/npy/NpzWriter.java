package dev.ampj.sim.motion.npy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an {@code .npz}: one {@code NAME.npy} member per array, stored (like {@code np.savez}) or
 * deflated (like {@code np.savez_compressed}). Entry timestamps are fixed so the same arrays give
 * the same bytes. The file is written next to the target and moved into place, so a failed write
 * never leaves a half file under the target name.
 */
public final class NpzWriter {

    /** The zip epoch in local DOS time: output bytes depend on neither the clock nor the time zone. */
    private static final java.time.LocalDateTime FIXED_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    private final boolean compressed;
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> members = new ArrayList<>();

    public NpzWriter(boolean compressed) {
        this.compressed = compressed;
    }

    public NpzWriter add(NpyArray a) {
        return add(a, false);
    }

    public NpzWriter add(NpyArray a, boolean fortranOrder) {
        return addRaw(a.name() + ".npy", NpyWriter.toBytes(a, fortranOrder));
    }

    /** Adds a member with arbitrary bytes (how tests build malformed files). */
    public NpzWriter addRaw(String entryName, byte[] bytes) {
        names.add(entryName);
        members.add(bytes.clone());
        return this;
    }

    public void write(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // A sibling, so the final move is atomic; created like any file (umask permissions).
        Path tmp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".part");
        Files.deleteIfExists(tmp);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public void write(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (int i = 0; i < names.size(); i++) {
            byte[] bytes = members.get(i);
            ZipEntry e = new ZipEntry(names.get(i));
            e.setTimeLocal(FIXED_TIME);
            if (compressed) {
                e.setMethod(ZipEntry.DEFLATED);
            } else {
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
        out.flush();
    }
}
