package dev.ampj.sim.terms;

import java.util.ArrayList;
import java.util.List;

/**
 * The AMP observation terms by name, and the named groups of BeyondAMP and seed 001. A config lists
 * terms or groups and key bodies by name; {@link #resolve} binds them to a robot's layout and fails
 * on unknown names with the list of known ones.
 *
 * <p>Terms (dims for J joints and K key bodies):
 * <pre>
 * root_height        1    root z
 * projected_gravity  3    Rᵀ (0, 0, −1): (0, 0, −1) when upright
 * root_quat_w        4    root orientation (w, x, y, z), sign fixed so w ≥ 0
 * root_lin_vel_b     3    Rᵀ v_root
 * root_ang_vel_b     3    Rᵀ ω_root
 * root_lin_vel_w     3    v_root (world)
 * root_ang_vel_w     3    ω_root (world)
 * joint_pos          J    joint angles
 * joint_pos_rel      J    joint angles − default pose
 * joint_vel          J    joint rates
 * body_pos_b         3K   Rᵀ (p_body − p_root) per key body
 * body_quat_w        4K   key body orientation (w ≥ 0)
 * body_lin_vel_w     3K   key body linear velocity (world)
 * body_ang_vel_w     3K   key body angular velocity (world)
 * </pre>
 * Groups: {@code basic} = [joint_pos, joint_vel]; {@code soft_track} = basic + [body_quat_w,
 * body_lin_vel_w, body_ang_vel_w]; {@code ostrich22} = seed 001's AMP state [root_height,
 * projected_gravity, joint_pos, root_lin_vel_w, root_ang_vel_w, joint_vel] (22 dims for 6 joints).
 */
public final class AmpTermRegistry {

    /** Known term names, in documentation order. */
    public static final List<String> TERMS = List.of(
            "root_height", "projected_gravity", "root_quat_w", "root_lin_vel_b", "root_ang_vel_b",
            "root_lin_vel_w", "root_ang_vel_w", "joint_pos", "joint_pos_rel", "joint_vel",
            "body_pos_b", "body_quat_w", "body_lin_vel_w", "body_ang_vel_w");

    /** Known group names. */
    public static final List<String> GROUPS = List.of("basic", "soft_track", "ostrich22");

    private AmpTermRegistry() {}

    /** The terms of group {@code name}. */
    public static List<String> group(String name) {
        return switch (name) {
            case "basic" -> List.of("joint_pos", "joint_vel");
            case "soft_track" -> List.of("joint_pos", "joint_vel", "body_quat_w", "body_lin_vel_w", "body_ang_vel_w");
            case "ostrich22" -> List.of("root_height", "projected_gravity", "joint_pos", "root_lin_vel_w",
                    "root_ang_vel_w", "joint_vel");
            default -> throw new IllegalArgumentException("unknown AMP observation group '" + name
                    + "'; known groups: " + GROUPS);
        };
    }

    /**
     * Binds {@code termsOrGroups} (term or group names, groups expanded in place) to {@code layout}
     * with {@code keyBodies} (body names) for the body terms. Unknown or repeated names, unknown
     * bodies, and body terms without key bodies fail with an {@link IllegalArgumentException}.
     */
    public static AmpObservation resolve(List<String> termsOrGroups, List<String> keyBodies, FrameLayout layout) {
        if (termsOrGroups.isEmpty()) {
            throw new IllegalArgumentException("an AMP observation needs at least one term; known terms: "
                    + TERMS + ", groups: " + GROUPS);
        }
        int[] bodies = new int[keyBodies.size()];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = layout.bodyIndex(keyBodies.get(i));
        }
        List<String> names = new ArrayList<>();
        for (String n : termsOrGroups) {
            if (GROUPS.contains(n)) {
                names.addAll(group(n));
            } else if (TERMS.contains(n)) {
                names.add(n);
            } else {
                throw new IllegalArgumentException("unknown AMP observation term '" + n + "'; known terms: "
                        + TERMS + ", groups: " + GROUPS);
            }
        }
        List<AmpTerm> terms = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (names.subList(0, i).contains(n)) {
                throw new IllegalArgumentException("AMP observation term '" + n + "' listed twice in "
                        + termsOrGroups + " (expanded: " + names + ")");
            }
            terms.add(term(n, layout, bodies, keyBodies));
        }
        return new AmpObservation(terms, keyBodies);
    }

    /** Binds one term. */
    public static AmpTerm term(String name, FrameLayout layout, int[] keyBodies, List<String> keyBodyNames) {
        int j = layout.numJoints();
        int k = keyBodies.length;
        if (name.startsWith("body_") && k == 0) {
            throw new IllegalArgumentException("AMP observation term '" + name
                    + "' needs key bodies (key-bodies = [...]); known bodies: " + layout.bodyNames());
        }
        return switch (name) {
            case "root_height" -> new Term(name, 1, (f, o, i) -> o[i] = (float) f.rootPos[2]);
            case "projected_gravity" -> new Term(name, 3, (f, o, i) -> toRoot(f.rootQuat, 0, 0, -1, o, i));
            case "root_quat_w" -> new Term(name, 4, (f, o, i) -> canonicalQuat(f.rootQuat, 0, o, i));
            case "root_lin_vel_b" -> new Term(name, 3, (f, o, i) ->
                    toRoot(f.rootQuat, f.rootLinVel[0], f.rootLinVel[1], f.rootLinVel[2], o, i));
            case "root_ang_vel_b" -> new Term(name, 3, (f, o, i) ->
                    toRoot(f.rootQuat, f.rootAngVel[0], f.rootAngVel[1], f.rootAngVel[2], o, i));
            case "root_lin_vel_w" -> new Term(name, 3, (f, o, i) -> copy(f.rootLinVel, 0, 3, o, i));
            case "root_ang_vel_w" -> new Term(name, 3, (f, o, i) -> copy(f.rootAngVel, 0, 3, o, i));
            case "joint_pos" -> new Term(name, j, (f, o, i) -> copy(f.jointPos, 0, j, o, i));
            case "joint_pos_rel" -> new Term(name, j, (f, o, i) -> {
                for (int q = 0; q < j; q++) {
                    o[i + q] = (float) (f.jointPos[q] - layout.defaultJointPos(q));
                }
            });
            case "joint_vel" -> new Term(name, j, (f, o, i) -> copy(f.jointVel, 0, j, o, i));
            case "body_pos_b" -> new Term(name, 3 * k, (f, o, i) -> {
                for (int b = 0; b < k; b++) {
                    int p = 3 * keyBodies[b];
                    toRoot(f.rootQuat, f.bodyPos[p] - f.rootPos[0], f.bodyPos[p + 1] - f.rootPos[1],
                            f.bodyPos[p + 2] - f.rootPos[2], o, i + 3 * b);
                }
            });
            case "body_quat_w" -> new Term(name, 4 * k, (f, o, i) -> {
                for (int b = 0; b < k; b++) {
                    canonicalQuat(f.bodyQuat, 4 * keyBodies[b], o, i + 4 * b);
                }
            });
            case "body_lin_vel_w" -> new Term(name, 3 * k, (f, o, i) -> {
                for (int b = 0; b < k; b++) {
                    copy(f.bodyLinVel, 3 * keyBodies[b], 3, o, i + 3 * b);
                }
            });
            case "body_ang_vel_w" -> new Term(name, 3 * k, (f, o, i) -> {
                for (int b = 0; b < k; b++) {
                    copy(f.bodyAngVel, 3 * keyBodies[b], 3, o, i + 3 * b);
                }
            });
            default -> throw new IllegalArgumentException("unknown AMP observation term '" + name
                    + "'; known terms: " + TERMS);
        };
    }

    private static void copy(double[] src, int from, int n, float[] out, int offset) {
        for (int q = 0; q < n; q++) {
            out[offset + q] = (float) src[from + q];
        }
    }

    /** q and −q are the same rotation: emit the one with w ≥ 0 so the discriminator sees one encoding. */
    private static void canonicalQuat(double[] q, int qo, float[] out, int offset) {
        double s = q[qo] < 0 ? -1 : 1;
        for (int c = 0; c < 4; c++) {
            out[offset + c] = (float) (s * q[qo + c]);
        }
    }

    /** A term body evaluated against a frame. */
    @FunctionalInterface
    private interface Body {
        void compute(KinematicFrame f, float[] out, int offset);
    }

    /** Writes Rᵀ v (v in the world, result in the root frame) as floats; stateless, so terms are thread-safe. */
    private static void toRoot(double[] q, double vx, double vy, double vz, float[] out, int offset) {
        double w = q[0];
        double ux = -q[1];
        double uy = -q[2];
        double uz = -q[3];
        double tx = 2 * (uy * vz - uz * vy);
        double ty = 2 * (uz * vx - ux * vz);
        double tz = 2 * (ux * vy - uy * vx);
        out[offset] = (float) (vx + w * tx + (uy * tz - uz * ty));
        out[offset + 1] = (float) (vy + w * ty + (uz * tx - ux * tz));
        out[offset + 2] = (float) (vz + w * tz + (ux * ty - uy * tx));
    }

    private record Term(String name, int dim, Body body) implements AmpTerm {
        @Override
        public void compute(KinematicFrame frame, float[] out, int offset) {
            body.compute(frame, out, offset);
        }
    }
}
