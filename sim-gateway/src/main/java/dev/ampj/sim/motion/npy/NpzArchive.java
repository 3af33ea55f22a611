package dev.ampj.sim.motion.npy;

import dev.ampj.sim.motion.MotionFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arrays of one {@code .npz} file by name (the entry name without {@code .npy}), in archive
 * order, with the file name kept so every later validation error can name it.
 */
public final class NpzArchive {

    private final String file;
    private final Map<String, NpyArray> arrays;

    public NpzArchive(String file, List<NpyArray> arrays) {
        this.file = file;
        Map<String, NpyArray> m = new LinkedHashMap<>();
        for (NpyArray a : arrays) {
            if (m.put(a.name(), a) != null) {
                throw new MotionFileException(file, a.name(), "appears twice in the archive");
            }
        }
        this.arrays = Collections.unmodifiableMap(m);
    }

    public String file() {
        return file;
    }

    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    /** Entry names in archive order. */
    public List<String> names() {
        return new ArrayList<>(arrays.keySet());
    }

    public List<NpyArray> arrays() {
        return new ArrayList<>(arrays.values());
    }

    /** The named array; a missing one is an error listing what the file does hold. */
    public NpyArray require(String name) {
        NpyArray a = arrays.get(name);
        if (a == null) {
            throw new MotionFileException(file, name, "required entry is missing (the file holds " + names() + ")");
        }
        return a;
    }

    public NpyArray getOrNull(String name) {
        return arrays.get(name);
    }
}
