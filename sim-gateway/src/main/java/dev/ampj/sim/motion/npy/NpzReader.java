package dev.ampj.sim.motion.npy;

import dev.ampj.sim.motion.MotionFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads every array of an {@code .npz} (a zip of {@code .npy} members, stored or deflated) with
 * {@link NpyReader}'s strict checks. Unlike DJL's {@code NDList.decode}, string entries
 * ({@code <U}, {@code |S}) are read, not fatal, and each entry's size claim is checked against the
 * entry's real size before allocation.
 */
public final class NpzReader {

    private NpzReader() {}

    public static NpzArchive read(Path path) throws IOException {
        return read(path, path.toString());
    }

    /** Reads {@code path}, naming it {@code file} in the archive and in every message. */
    public static NpzArchive read(Path path, String file) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(file, null, "no such file");
        }
        List<NpyArray> arrays = new ArrayList<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Set<String> seen = new HashSet<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw new MotionFileException(file, name, "appears twice in the archive");
                }
                if (!name.endsWith(".npy")) {
                    throw new MotionFileException(file, name, "is not an .npy member (an .npz holds only .npy arrays)");
                }
                if (e.getMethod() != ZipEntry.STORED && e.getMethod() != ZipEntry.DEFLATED) {
                    throw new MotionFileException(file, name, "uses zip compression method " + e.getMethod()
                            + "; only stored (0) and deflated (8) entries are accepted");
                }
                String arrayName = name.substring(0, name.length() - 4);
                try (InputStream in = zip.getInputStream(e)) {
                    arrays.add(NpyReader.read(in, e.getSize(), file, arrayName, arrayName));
                } catch (ZipException z) {
                    throw new MotionFileException(file, arrayName, "corrupt zip entry: " + z.getMessage(), z);
                } catch (java.io.EOFException eof) {
                    throw new MotionFileException(file, arrayName, "corrupt zip entry: unexpected end of compressed data", eof);
                }
            }
        } catch (ZipException z) {
            throw new MotionFileException(file, null, "not a valid .npz (zip) archive: " + z.getMessage(), z);
        }
        if (arrays.isEmpty()) {
            throw new MotionFileException(file, null, "the archive holds no arrays");
        }
        return new NpzArchive(file, arrays);
    }
}
