package dev.ampj.sim.motion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code amp motion inspect} reports about a file: format, frames, fps, duration, names,
 * quaternion order, value ranges and warnings, as text or as one JSON object whose keys always
 * include {@code format}, {@code frames}, {@code fps} (null when the file has none),
 * {@code duration_s}, {@code dof_names}, {@code body_names} and {@code quat_order}.
 */
public final class MotionSummary {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private MotionSummary() {}

    public static MotionSummary of(ReferenceMotion m) {
        MotionSummary s = new MotionSummary();
        Map<String, Object> f = s.fields;
        f.put("file", m.source());
        f.put("format", m.format().id());
        f.put("format_description", m.format().description());
        if (m instanceof KinematicClip k) {
            f.put("frames", k.frames());
            f.put("fps", k.fps());
            f.put("duration_s", k.duration());
            f.put("dof_names", k.dofNames());
            f.put("body_names", k.bodyNames());
            f.put("quat_order", k.quatOrder().lower());
            f.put("dofs", k.dofs());
            f.put("bodies", k.bodies());
            f.put("velocities", k.velocitiesFromFile() ? "file" : "finite differences");
            int last = (k.frames() - 1) * k.bodies() * 3;
            f.put("root_mean_speed_mps", k.frames() > 1 ? Math.hypot(k.bodyPos()[last] - k.bodyPos()[0],
                    k.bodyPos()[last + 1] - k.bodyPos()[1]) / k.duration() : 0.0);
            Map<String, Object> ranges = new LinkedHashMap<>();
            ranges.put("dof_positions", range(k.dofPos()));
            ranges.put("dof_velocities", range(k.dofVel()));
            ranges.put("root_height", rootHeight(k));
            ranges.put("body_positions", range(k.bodyPos()));
            ranges.put("body_linear_velocities", range(k.bodyLinVel()));
            ranges.put("body_angular_velocities", range(k.bodyAngVel()));
            f.put("ranges", ranges);
            Map<String, Object> joints = new LinkedHashMap<>();
            for (int j = 0; j < k.dofs(); j++) {
                String name = k.dofNames() == null ? "dof_" + j : k.dofNames().get(j);
                joints.put(name, column(k.dofPos(), k.frames(), k.dofs(), j));
            }
            f.put("joint_ranges", joints);
        } else if (m instanceof AmpStateSequence a) {
            f.put("frames", a.frames());
            f.put("fps", a.hasDt() ? 1.0 / a.dt() : null);
            f.put("duration_s", a.hasDt() ? (a.frames() - 1) * a.dt() : null);
            f.put("dof_names", null);
            f.put("body_names", null);
            f.put("quat_order", null);
            f.put("amp_state_dim", a.dim());
            f.put("ranges", Map.of("amp_states", range(a.states())));
        } else {
            AmpStatePairs p = (AmpStatePairs) m;
            f.put("frames", p.count());
            f.put("fps", null);
            f.put("duration_s", null);
            f.put("dof_names", null);
            f.put("body_names", null);
            f.put("quat_order", null);
            f.put("amp_state_dim", p.dim());
            Map<String, Object> ranges = new LinkedHashMap<>();
            ranges.put("states", range(p.states()));
            ranges.put("next_states", range(p.nextStates()));
            f.put("ranges", ranges);
        }
        f.put("warnings", m.warnings());
        return s;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    private static List<Double> range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return v.length == 0 ? List.of() : List.of(lo, hi);
    }

    private static List<Double> range(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return range(d);
    }

    private static List<Double> column(double[] v, int rows, int width, int col) {
        double[] c = new double[rows];
        for (int r = 0; r < rows; r++) {
            c[r] = v[r * width + col];
        }
        return range(c);
    }

    private static List<Double> rootHeight(KinematicClip k) {
        double[] z = new double[k.frames()];
        for (int f = 0; f < k.frames(); f++) {
            z[f] = k.bodyPos()[f * k.bodies() * 3 + 2];
        }
        return range(z);
    }

    /** One line of JSON. */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        json(sb, fields);
        return sb.toString();
    }

    /** A few lines for people. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                sb.append(e.getKey()).append(":\n");
                for (Map.Entry<?, ?> r : m.entrySet()) {
                    sb.append("  ").append(r.getKey()).append(": ").append(text(r.getValue())).append('\n');
                }
            } else {
                sb.append(e.getKey()).append(": ").append(text(e.getValue())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String text(Object v) {
        if (v instanceof Double d) {
            return num(d);
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object x : l) {
                parts.add(text(x));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(v);
    }

    private static String num(double d) {
        if (!Double.isFinite(d)) {
            return "null";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.6g", d);
    }

    private static void json(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                json(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                json(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Double d) {
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
