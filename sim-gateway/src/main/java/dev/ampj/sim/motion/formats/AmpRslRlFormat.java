package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionFileException;
import dev.ampj.sim.motion.MotionFormat;
import dev.ampj.sim.motion.npy.NpyArray;
import dev.ampj.sim.motion.npy.NumpyPickle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * amp-rsl-rl dataset {@code .npy}: {@code np.save} of a dict with {@code joints_list} (names),
 * {@code joint_positions} (a list of [D] arrays, or an [F, D] array), {@code root_position}
 * (per frame [3]), {@code root_quaternion} (per frame [4], <b>xyzw</b>) and {@code fps}. Joint
 * velocities and root velocities are not stored; they are computed by finite differences. The
 * clip has one body, the root, named only when one body name is configured.
 */
public final class AmpRslRlFormat {

    static final Set<String> KEYS = Set.of("joints_list", "joint_positions", "root_position", "root_quaternion", "fps");

    private AmpRslRlFormat() {}

    public static KinematicClip read(Path path, MotionReadOptions opts) throws IOException {
        return read(path, path.toString(), opts);
    }

    /** Reads {@code path}, naming it {@code file} in the clip and in every message. */
    public static KinematicClip read(Path path, String file, MotionReadOptions opts) throws IOException {
        Object o = NumpyPickle.readNpy(Files.readAllBytes(path), file);
        if (!(o instanceof Map<?, ?> dict)) {
            throw new MotionFileException(file, null, "expected a pickled dict (amp-rsl-rl format), found " + kind(o));
        }
        List<String> warnings = new ArrayList<>();
        for (String k : KEYS) {
            if (!dict.containsKey(k)) {
                throw new MotionFileException(file, k, "required key is missing (the dict holds " + keys(dict) + ")");
            }
        }
        for (Object k : dict.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                warnings.add("key '" + k + "' is not part of the amp-rsl-rl format and is ignored");
            }
        }
        Entries e = new Entries(file);
        List<String> joints = e.distinct("joints_list", strings(file, "joints_list", dict.get("joints_list")));
        int d = joints.size();
        double[] q = rows(e, file, "joint_positions", dict.get("joint_positions"), d);
        double[] rootPos = rows(e, file, "root_position", dict.get("root_position"), 3);
        double[] rootQuat = rows(e, file, "root_quaternion", dict.get("root_quaternion"), 4);
        Object fpsObj = dict.get("fps");
        double fps = fpsObj instanceof Double v ? v : fpsObj instanceof NpyArray a ? e.scalar(a) : Double.NaN;
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new MotionFileException(file, "fps", "is " + fpsObj + ", expected a positive number");
        }
        List<String> rootName = opts.bodyNames().isEmpty() ? null : opts.bodyNames();
        if (rootName != null && rootName.size() != 1) {
            throw new MotionFileException(file, null, "has one body (the root) but body names " + rootName + " were given");
        }
        KinematicClip clip = KinematicAssembler.assemble(e, file, MotionFormat.AMP_RSL_RL, opts, fps, joints, rootName, d, 1,
                q, null, rootPos, "root_quaternion", rootQuat, null, null);
        if (!warnings.isEmpty()) {
            List<String> all = new ArrayList<>(clip.warnings());
            all.addAll(warnings);
            clip = clip.withWarnings(all);
        }
        return clip;
    }

    private static List<String> strings(String file, String key, Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof NpyArray a && a.isString() && a.rank() == 1) {
            return List.of(a.strings());
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                if (!(x instanceof String s)) {
                    throw new MotionFileException(file, key, "expected a list of joint names, found an element of type " + kind(x));
                }
                out.add(s);
            }
            return out;
        }
        throw new MotionFileException(file, key, "expected a list of joint names, found " + kind(v));
    }

    /** Per-frame rows of {@code width} numbers from a list of arrays/lists or a 2-d array; ragged lists are refused. */
    private static double[] rows(Entries e, String file, String key, Object v, int width) {
        if (v instanceof NpyArray a) {
            if (!a.isNumeric() || a.rank() != 2 || a.dim(1) != width) {
                throw new MotionFileException(file, key, "expected [frames, " + width + "] numbers, found " + a.dtype().descr()
                        + " " + NpyArray.shapeString(a.shape()));
            }
            return e.perFrame(a.withName(key), width);
        }
        if (!(v instanceof List<?> list)) {
            throw new MotionFileException(file, key, "expected a list of per-frame arrays, found " + kind(v));
        }
        e.frames(key, list.size());
        double[] out = new double[list.size() * width];
        for (int f = 0; f < list.size(); f++) {
            Object row = list.get(f);
            double[] r;
            if (row instanceof NpyArray a && a.isNumeric() && a.rank() == 1) {
                r = a.doubles();
            } else if (row instanceof List<?> l && l.stream().allMatch(x -> x instanceof Double)) {
                r = l.stream().mapToDouble(x -> (Double) x).toArray();
            } else {
                throw new MotionFileException(file, key, "frame " + f + " is " + kind(row) + ", expected a 1-d array of " + width + " numbers");
            }
            if (r.length != width) {
                throw new MotionFileException(file, key, "frame " + f + " has " + r.length + " values, expected " + width + " (ragged list)");
            }
            System.arraycopy(r, 0, out, f * width, width);
        }
        e.finite(key, out, width);
        return out;
    }

    private static List<String> keys(Map<?, ?> m) {
        List<String> k = new ArrayList<>();
        for (Object x : m.keySet()) {
            k.add(String.valueOf(x));
        }
        k.sort(null);
        return k;
    }

    private static String kind(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof NpyArray a) {
            return "an array " + a.dtype().descr() + " " + NpyArray.shapeString(a.shape());
        }
        return "a " + o.getClass().getSimpleName();
    }
}
