package dev.ampj.sim.motion;

import dev.ampj.sim.terms.FrameLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a clip's joints and bodies onto a robot by name, so a file in another joint order can never
 * be read silently in the wrong order. Joints must match exactly (missing and extra names are an
 * error listing them); the robot's bodies must all be present, extra bodies in the file are
 * dropped with a warning. A file with a single nameless body (amp-rsl-rl) maps to a root-only
 * clip, usable with AMP terms that need no other body. Optional joint offsets are added to the file's joint angles (for data
 * measured from another zero pose, e.g. seed 002's default joint pose).
 */
public final class RobotMapping {

    private RobotMapping() {}

    public static KinematicClip map(KinematicClip c, FrameLayout robot, Map<String, Double> jointOffsets) {
        List<String> warnings = new ArrayList<>(c.warnings());
        int[] dofIndex = dofIndex(c, robot);
        int[] bodyIndex = bodyIndex(c, robot, warnings);
        for (String j : new TreeSet<>(jointOffsets.keySet())) {
            if (!robot.jointNames().contains(j)) {
                throw new IllegalArgumentException("amp.motion.joint-offsets: '" + j + "' is not a joint of the robot (joints: " + robot.jointNames() + ")");
            }
        }
        int f = c.frames();
        int d = dofIndex.length;
        int b = bodyIndex.length;
        double[] dofPos = new double[f * d];
        double[] dofVel = new double[f * d];
        for (int k = 0; k < f; k++) {
            for (int j = 0; j < d; j++) {
                double off = jointOffsets.getOrDefault(robot.jointNames().get(j), 0.0);
                dofPos[k * d + j] = c.dofPos()[k * c.dofs() + dofIndex[j]] + off;
                dofVel[k * d + j] = c.dofVel()[k * c.dofs() + dofIndex[j]];
            }
        }
        double[] pos = gather(c.bodyPos(), f, c.bodies(), bodyIndex, 3);
        double[] quat = gather(c.bodyQuat(), f, c.bodies(), bodyIndex, 4);
        double[] lin = gather(c.bodyLinVel(), f, c.bodies(), bodyIndex, 3);
        double[] ang = gather(c.bodyAngVel(), f, c.bodies(), bodyIndex, 3);
        List<String> bodyNames = b == robot.numBodies() ? robot.bodyNames() : List.of(robot.bodyNames().get(0));
        return new KinematicClip(c.source(), c.format(), c.quatOrder(), c.fps(), f, robot.jointNames(), bodyNames, d, b,
                dofPos, dofVel, pos, quat, lin, ang, c.velocitiesFromFile(), warnings);
    }

    private static int[] dofIndex(KinematicClip c, FrameLayout robot) {
        if (c.dofNames() == null) {
            throw new MotionFileException(c.source(), null, "has no joint names, so its joints cannot be matched to the robot's "
                    + robot.jointNames() + "; set amp.motion.dof-names to the file's joint order");
        }
        List<String> missing = new ArrayList<>();
        for (String j : robot.jointNames()) {
            if (!c.dofNames().contains(j)) {
                missing.add(j);
            }
        }
        List<String> extra = new ArrayList<>();
        for (String j : c.dofNames()) {
            if (!robot.jointNames().contains(j)) {
                extra.add(j);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new MotionFileException(c.source(), null, "joint names do not match the robot: missing " + missing
                    + ", extra " + extra + " (robot joints: " + robot.jointNames() + ")");
        }
        Map<String, Integer> at = index(c.dofNames());
        int[] idx = new int[robot.jointNames().size()];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = at.get(robot.jointNames().get(j));
        }
        return idx;
    }

    private static int[] bodyIndex(KinematicClip c, FrameLayout robot, List<String> warnings) {
        if (c.bodyNames() == null) {
            if (c.bodies() == 1) {
                return new int[] {0}; // a nameless single body is the root (amp-rsl-rl): a root-only clip
            }
            throw new MotionFileException(c.source(), null, "has " + c.bodies() + " bodies but no body names, so they cannot be "
                    + "matched to the robot's " + robot.bodyNames() + "; set amp.motion.body-names to the file's body order");
        }
        if (c.bodies() == 1 && c.bodyNames().get(0).equals(robot.bodyNames().get(0))) {
            return new int[] {0}; // a root-only clip named after the robot's root
        }
        Map<String, Integer> at = index(c.bodyNames());
        List<String> missing = new ArrayList<>();
        int[] idx = new int[robot.bodyNames().size()];
        for (int j = 0; j < idx.length; j++) {
            Integer i = at.get(robot.bodyNames().get(j));
            if (i == null) {
                missing.add(robot.bodyNames().get(j));
            } else {
                idx[j] = i;
            }
        }
        if (!missing.isEmpty()) {
            throw new MotionFileException(c.source(), null, "bodies missing from the file: " + missing + " (the file has " + c.bodyNames() + ")");
        }
        List<String> extra = new ArrayList<>();
        for (String name : c.bodyNames()) {
            if (!robot.bodyNames().contains(name)) {
                extra.add(name);
            }
        }
        if (!extra.isEmpty()) {
            warnings.add("bodies not used by the robot are dropped: " + extra);
        }
        return idx;
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return m;
    }

    private static double[] gather(double[] src, int frames, int bodies, int[] idx, int width) {
        double[] out = new double[frames * idx.length * width];
        for (int f = 0; f < frames; f++) {
            for (int j = 0; j < idx.length; j++) {
                System.arraycopy(src, (f * bodies + idx[j]) * width, out, (f * idx.length + j) * width, width);
            }
        }
        return out;
    }
}
