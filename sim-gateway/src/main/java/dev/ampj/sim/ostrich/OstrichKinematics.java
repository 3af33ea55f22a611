package dev.ampj.sim.ostrich;

import dev.ampj.sim.terms.FrameMath;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * Forward kinematics of the ostrich: fills every body's pose and velocity of a {@link KinematicFrame}
 * from its root state and joint positions/velocities. Used to place the robot at reset, and by
 * anything holding only root + joint data (e.g. a reference clip) to get the body terms.
 * All hinges turn about the parent's +y axis. Allocation-free; one instance per thread.
 */
public final class OstrichKinematics {

    private static final int[] FEET = {OstrichGeometry.LEFT_FOOT, OstrichGeometry.RIGHT_FOOT};

    private final double[] rel = new double[4];
    private final double[] tmp = new double[3];

    /** Fills body 0 from the root fields and bodies 1..6 from the joints. */
    public void forward(KinematicFrame f) {
        System.arraycopy(f.rootPos, 0, f.bodyPos, 0, 3);
        System.arraycopy(f.rootQuat, 0, f.bodyQuat, 0, 4);
        System.arraycopy(f.rootLinVel, 0, f.bodyLinVel, 0, 3);
        System.arraycopy(f.rootAngVel, 0, f.bodyAngVel, 0, 3);
        for (int i = 1; i < OstrichGeometry.PARENT.length; i++) {
            int par = OstrichGeometry.PARENT[i];
            int j = i - 1;
            double[] a = OstrichGeometry.ANCHOR_IN_PARENT[i];
            double[] c = OstrichGeometry.COM_FROM_ANCHOR[i];
            // anchor in the world
            FrameMath.rotate(f.bodyQuat, 4 * par, a[0], a[1], a[2], tmp, 0);
            double ax = f.bodyPos[3 * par] + tmp[0];
            double ay = f.bodyPos[3 * par + 1] + tmp[1];
            double az = f.bodyPos[3 * par + 2] + tmp[2];
            // orientation: parent then a turn of q_j about +y
            FrameMath.axisAngle(0, 1, 0, f.jointPos[j], rel, 0);
            FrameMath.multiply(f.bodyQuat, 4 * par, rel, 0, f.bodyQuat, 4 * i);
            // centre of mass
            FrameMath.rotate(f.bodyQuat, 4 * i, c[0], c[1], c[2], tmp, 0);
            double rx = tmp[0];
            double ry = tmp[1];
            double rz = tmp[2];
            f.bodyPos[3 * i] = ax + rx;
            f.bodyPos[3 * i + 1] = ay + ry;
            f.bodyPos[3 * i + 2] = az + rz;
            // angular velocity: parent's plus qdot about the (world) hinge axis
            FrameMath.rotate(f.bodyQuat, 4 * par, 0, 1, 0, tmp, 0);
            double qd = f.jointVel[j];
            double pwx = f.bodyAngVel[3 * par];
            double pwy = f.bodyAngVel[3 * par + 1];
            double pwz = f.bodyAngVel[3 * par + 2];
            double wx = pwx + qd * tmp[0];
            double wy = pwy + qd * tmp[1];
            double wz = pwz + qd * tmp[2];
            f.bodyAngVel[3 * i] = wx;
            f.bodyAngVel[3 * i + 1] = wy;
            f.bodyAngVel[3 * i + 2] = wz;
            // linear velocity: anchor velocity (rigid with the parent) plus ω × r
            double dx = ax - f.bodyPos[3 * par];
            double dy = ay - f.bodyPos[3 * par + 1];
            double dz = az - f.bodyPos[3 * par + 2];
            double vax = f.bodyLinVel[3 * par] + (pwy * dz - pwz * dy);
            double vay = f.bodyLinVel[3 * par + 1] + (pwz * dx - pwx * dz);
            double vaz = f.bodyLinVel[3 * par + 2] + (pwx * dy - pwy * dx);
            f.bodyLinVel[3 * i] = vax + (wy * rz - wz * ry);
            f.bodyLinVel[3 * i + 1] = vay + (wz * rx - wx * rz);
            f.bodyLinVel[3 * i + 2] = vaz + (wx * ry - wy * rx);
        }
    }

    /** Lowest z of the two foot boxes' corners (bodies must be filled). */
    public double lowestFootZ(KinematicFrame f) {
        double min = Double.POSITIVE_INFINITY;
        double[] s = OstrichGeometry.FOOT_SIZE;
        for (int foot : FEET) {
            for (int corner = 0; corner < 8; corner++) {
                double cx = ((corner & 1) == 0 ? -0.5 : 0.5) * s[0];
                double cy = ((corner & 2) == 0 ? -0.5 : 0.5) * s[1];
                double cz = ((corner & 4) == 0 ? -0.5 : 0.5) * s[2];
                FrameMath.rotate(f.bodyQuat, 4 * foot, cx, cy, cz, tmp, 0);
                min = Math.min(min, f.bodyPos[3 * foot + 2] + tmp[2]);
            }
        }
        return min;
    }

    /**
     * Fills {@code out} with the robot at rest on the ground (feet {@code clearance} m above it):
     * upright torso at x = y = 0, joints at {@code jointPos}, all velocities zero.
     */
    public void standing(double[] jointPos, double clearance, KinematicFrame out) {
        out.atRest(jointPos);
        forward(out);
        lift(out, clearance - lowestFootZ(out));
    }

    /** Moves the whole frame (root and bodies) up by {@code dz}. */
    public static void lift(KinematicFrame f, double dz) {
        f.rootPos[2] += dz;
        for (int i = 0; i < f.layout().numBodies(); i++) {
            f.bodyPos[3 * i + 2] += dz;
        }
    }
}
