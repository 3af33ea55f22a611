package dev.ampj.sim.motion;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.ampj.sim.motion.formats.MotionReadOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code amp.motion} section (documented key by key in sim-gateway's reference.conf), read
 * once. Unknown keys are rejected with the list of known keys.
 *
 * @param motionFiles       reference motion files ({@code motion_files}); {@code classpath:} for bundled ones
 * @param weights           sampling weight per file, same length as motionFiles (all 1 when not given)
 * @param quatOrder         null (each format's declared order) or a forced order
 * @param quatNormTolerance largest accepted | |q| − 1 |
 * @param dofNames          joint order of files that carry no names
 * @param bodyNames         body order of files that carry no names ({@code body_names})
 * @param jointOffsets      added to the file's joint angles on load, by joint name (sorted)
 * @param velocities        where the clips' velocities come from
 */
public record MotionSettings(List<String> motionFiles, List<Double> weights, QuatOrder quatOrder, double quatNormTolerance,
        List<String> dofNames, List<String> bodyNames, Map<String, Double> jointOffsets, Velocities velocities) {

    /**
     * Where a kinematic clip's joint and body velocities come from: the file's (Isaac Lab's and
     * BeyondAMP's loaders; derived from positions where a file stores none), or always derived from
     * its positions by central differences at the control rate (HumanoidAMP's motion library), for
     * recordings whose velocities carry dynamics between frames that their positions do not show.
     */
    public enum Velocities {
        FILE, POSITIONS;

        /** {@code file} or {@code positions}; else an error naming {@code where} (the key or option that gave it). */
        public static Velocities parse(String v, String where) {
            return switch (v) {
                case "file" -> FILE;
                case "positions" -> POSITIONS;
                default -> throw new IllegalArgumentException(where + ": expected file or positions");
            };
        }
    }

    public static final String PATH = "amp.motion";
    static final List<String> KEYS = List.of("motion-files", "weights", "quat-order", "quat-norm-tolerance",
            "dof-names", "body-names", "joint-offsets", "velocities");

    public MotionSettings {
        motionFiles = List.copyOf(motionFiles);
        weights = List.copyOf(weights);
        dofNames = List.copyOf(dofNames);
        bodyNames = List.copyOf(bodyNames);
        jointOffsets = Collections.unmodifiableMap(new TreeMap<>(jointOffsets));
        java.util.Objects.requireNonNull(velocities, "velocities");
        if (weights.size() != motionFiles.size()) {
            throw new IllegalArgumentException(PATH + ".weights has " + weights.size() + " values but motion-files lists "
                    + motionFiles.size() + " files");
        }
        for (int i = 0; i < weights.size(); i++) {
            double w = weights.get(i);
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(PATH + ".weights[" + i + "] = " + w + ": expected a positive finite number");
            }
        }
    }

    public static MotionSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference());
    }

    public static MotionSettings fromConfig(Config config) {
        Config c;
        try {
            c = config.getConfig(PATH);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(PATH + ": " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        for (String k : new TreeSet<>(c.root().keySet())) {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(PATH + ": unknown key(s) " + unknown + "; known keys: " + KEYS);
        }
        try {
            List<String> files = c.getStringList("motion-files");
            List<Double> weights = c.getDoubleList("weights");
            if (weights.isEmpty()) {
                weights = Collections.nCopies(files.size(), 1.0);
            }
            String order = c.getString("quat-order");
            QuatOrder q = order.equalsIgnoreCase("auto") ? null : QuatOrder.parse(order, PATH + ".quat-order");
            Map<String, Double> offsets = new TreeMap<>();
            Config oc = c.getConfig("joint-offsets");
            for (Map.Entry<String, ConfigValue> e : oc.root().entrySet()) {
                if (e.getValue().valueType() != ConfigValueType.NUMBER) {
                    throw new IllegalArgumentException(PATH + ".joint-offsets." + e.getKey() + " = " + e.getValue().render()
                            + ": expected a number (rad)");
                }
                double v = ((Number) e.getValue().unwrapped()).doubleValue();
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(PATH + ".joint-offsets." + e.getKey() + " = " + v + ": expected a finite number");
                }
                offsets.put(e.getKey(), v);
            }
            double tol = c.getDouble("quat-norm-tolerance");
            if (!(tol > 0 && tol < 1)) {
                throw new IllegalArgumentException(PATH + ".quat-norm-tolerance = " + tol + ": expected a number in (0, 1)");
            }
            return new MotionSettings(files, weights, q, tol, c.getStringList("dof-names"), c.getStringList("body-names"), offsets,
                    Velocities.parse(c.getString("velocities"), PATH + ".velocities = " + c.getString("velocities")));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(PATH + ": " + e.getMessage(), e);
        }
    }

    /** How the readers interpret files under these settings. */
    public MotionReadOptions readOptions() {
        return new MotionReadOptions(quatOrder, quatNormTolerance, dofNames, bodyNames);
    }

    /** A copy whose clips take their velocities as {@code v} says. */
    public MotionSettings withVelocities(Velocities v) {
        return new MotionSettings(motionFiles, weights, quatOrder, quatNormTolerance, dofNames, bodyNames, jointOffsets, v);
    }

    /** A copy with other motion files, each of weight 1 (how commands and tests pick files). */
    public MotionSettings withFiles(List<String> files) {
        return new MotionSettings(files, Collections.nCopies(files.size(), 1.0), quatOrder, quatNormTolerance, dofNames, bodyNames, jointOffsets,
                velocities);
    }
}
