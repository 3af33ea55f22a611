package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.MotionFileException;
import dev.ampj.sim.motion.npy.NpyArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shape, type and value checks shared by the format readers. Each failure names the file and entry.
 * The first per-frame entry checked fixes the frame count; every later one must agree.
 */
final class Entries {

    private final String file;
    private int frames = -1;
    private String framesFrom;

    Entries(String file) {
        this.file = file;
    }

    int frames() {
        return frames;
    }

    MotionFileException error(String entry, String problem) {
        return new MotionFileException(file, entry, problem);
    }

    /** A single finite number: a 0-d array or a 1-element array. */
    double scalar(NpyArray a) {
        if (!a.isNumeric()) {
            throw error(a.name(), "expected a number, found dtype " + a.dtype().descr());
        }
        if (a.size() != 1 || a.rank() > 1) {
            throw error(a.name(), "expected a single number, found shape " + NpyArray.shapeString(a.shape()));
        }
        double v = a.get(0);
        if (!Double.isFinite(v)) {
            throw error(a.name(), "is " + v + ", expected a finite number");
        }
        return v;
    }

    double positive(NpyArray a) {
        double v = scalar(a);
        if (!(v > 0)) {
            throw error(a.name(), "is " + v + ", expected a positive number");
        }
        return v;
    }

    /** A 1-d string array of distinct, non-empty names. */
    List<String> names(NpyArray a) {
        if (!a.isString()) {
            throw error(a.name(), "expected a string array (<U or |S), found dtype " + a.dtype().descr());
        }
        if (a.rank() != 1) {
            throw error(a.name(), "expected a 1-d list of names, found shape " + NpyArray.shapeString(a.shape()));
        }
        return distinct(a.name(), Arrays.asList(a.strings()));
    }

    List<String> distinct(String entry, List<String> names) {
        Set<String> seen = new HashSet<>();
        List<String> dup = new ArrayList<>();
        for (String n : names) {
            if (n.isEmpty()) {
                throw error(entry, "contains an empty name");
            }
            if (!seen.add(n)) {
                dup.add(n);
            }
        }
        if (!dup.isEmpty()) {
            throw error(entry, "names appear more than once: " + dup);
        }
        return List.copyOf(names);
    }

    /**
     * A numeric per-frame array of shape [F, dims...] (a -1 dim accepts any size); checks frame
     * count agreement and finiteness. Returns the values in C order.
     */
    double[] perFrame(NpyArray a, int... dims) {
        if (!a.isNumeric()) {
            throw error(a.name(), "expected numbers, found dtype " + a.dtype().descr());
        }
        int[] shape = a.shape();
        if (shape.length != dims.length + 1) {
            throw error(a.name(), "expected " + (dims.length + 1) + " dimensions [frames" + dimsText(dims) + "], found shape "
                    + NpyArray.shapeString(shape));
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] >= 0 && shape[i + 1] != dims[i]) {
                throw error(a.name(), "expected shape [frames" + dimsText(dims) + "], found " + NpyArray.shapeString(shape));
            }
        }
        frames(a.name(), shape[0]);
        double[] v = a.doubles();
        int width = shape[0] == 0 ? 1 : Math.max(1, v.length / shape[0]);
        finite(a.name(), v, width);
        return v;
    }

    /** Records or checks the frame count of {@code entry}. */
    void frames(String entry, int n) {
        if (n == 0) {
            throw error(entry, "has zero frames");
        }
        if (frames < 0) {
            frames = n;
            framesFrom = entry;
        } else if (n != frames) {
            throw error(entry, "has " + n + " frames but '" + framesFrom + "' has " + frames);
        }
    }

    void finite(String entry, double[] v, int width) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw error(entry, "value " + v[i] + " at frame " + i / width + " (index " + i % width + "): NaN and Inf are not accepted");
            }
        }
    }

    private static String dimsText(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(", ").append(d < 0 ? "*" : Integer.toString(d));
        }
        return sb.toString();
    }
}
