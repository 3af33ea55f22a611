package dev.ampj.ops.playback;

import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.terms.FrameMath;
import dev.ampj.sim.terms.KinematicFrame;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;

/**
 * The planar ostrich seen from its right side (world x to the right, z up), drawn from a kinematic
 * frame: the torso and feet as their boxes, thigh and shin as lines between the joint anchors, the
 * far (left) leg in a lighter tone. Joint anchors come from each body's pose and
 * {@link OstrichGeometry#COM_FROM_ANCHOR}, so the picture is the simulated geometry, not a sketch.
 */
final class StickFigure {

    /** Where a panel's world window lies on the image: x at the panel centre, ground line y, pixels per metre. */
    record View(int centreX, int groundY, double scale, double cameraX) {
        int x(double worldX) {
            return (int) Math.round(centreX + (worldX - cameraX) * scale);
        }

        int y(double worldZ) {
            return (int) Math.round(groundY - worldZ * scale);
        }
    }

    private static final int LEFT_THIGH = 1;
    private static final int RIGHT_THIGH = 4;

    private StickFigure() {}

    /** The ground line across {@code [x0, x1)} with a tick every 0.25 m of world x (they scroll as the camera follows). */
    static void ground(Graphics2D g, View v, int x0, int x1, Color line) {
        g.setColor(line);
        g.setStroke(new BasicStroke(2));
        g.drawLine(x0, v.groundY(), x1 - 1, v.groundY());
        g.setStroke(new BasicStroke(1));
        double left = v.cameraX() - (v.centreX() - x0) / v.scale();
        for (double m = Math.floor(left / 0.25) * 0.25; v.x(m) < x1; m += 0.25) {
            int x = v.x(m);
            if (x >= x0) {
                g.drawLine(x, v.groundY(), x - 6, v.groundY() + 8);
            }
        }
    }

    /** The robot of {@code f}: {@code near} for the torso and right leg, {@code far} for the left leg. */
    static void draw(Graphics2D g, KinematicFrame f, View v, Color near, Color far) {
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        leg(g, f, v, LEFT_THIGH, far);
        g.setColor(near);
        g.fillPolygon(box(f, 0, 0, 0, OstrichGeometry.TORSO_SIZE[0], OstrichGeometry.TORSO_SIZE[2], v));
        leg(g, f, v, RIGHT_THIGH, near);
    }

    private static void leg(Graphics2D g, KinematicFrame f, View v, int thigh, Color color) {
        g.setColor(color);
        double[] hip = anchor(f, thigh);
        double[] knee = anchor(f, thigh + 1);
        double[] ankle = anchor(f, thigh + 2);
        g.drawLine(v.x(hip[0]), v.y(hip[2]), v.x(knee[0]), v.y(knee[2]));
        g.drawLine(v.x(knee[0]), v.y(knee[2]), v.x(ankle[0]), v.y(ankle[2]));
        g.fillPolygon(box(f, thigh + 2, 0, 0, OstrichGeometry.FOOT_SIZE[0], OstrichGeometry.FOOT_SIZE[2], v));
    }

    /** World position of body {@code i}'s joint anchor: its centre of mass minus the rotated offset from the anchor. */
    private static double[] anchor(KinematicFrame f, int i) {
        double[] off = OstrichGeometry.COM_FROM_ANCHOR[i];
        double[] r = new double[3];
        FrameMath.rotate(f.bodyQuat, 4 * i, -off[0], -off[1], -off[2], r, 0);
        return new double[] {f.bodyPos[3 * i] + r[0], f.bodyPos[3 * i + 1] + r[1], f.bodyPos[3 * i + 2] + r[2]};
    }

    /** The x–z outline of a box of size (sx, sz) centred at body {@code i}'s centre + (dx, dz) in its frame. */
    private static Polygon box(KinematicFrame f, int i, double dx, double dz, double sx, double sz, View v) {
        Polygon p = new Polygon();
        double[][] corners = {{-sx / 2, -sz / 2}, {sx / 2, -sz / 2}, {sx / 2, sz / 2}, {-sx / 2, sz / 2}};
        double[] r = new double[3];
        for (double[] c : corners) {
            FrameMath.rotate(f.bodyQuat, 4 * i, dx + c[0], 0, dz + c[1], r, 0);
            p.addPoint(v.x(f.bodyPos[3 * i] + r[0]), v.y(f.bodyPos[3 * i + 2] + r[2]));
        }
        return p;
    }
}
