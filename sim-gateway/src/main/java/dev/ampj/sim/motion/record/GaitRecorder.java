package dev.ampj.sim.motion.record;

import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionFormat;
import dev.ampj.sim.motion.QuatOrder;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichKinematics;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.terms.FrameMath;
import dev.ampj.sim.terms.KinematicFrame;
import java.util.List;
import java.util.Locale;

/**
 * Records reference motion from the embedded ostrich walking under a {@link SimbiconController}
 * (seed 001's option 1): the same robot, physics and PD control as training, so the recorded gait
 * is physically achievable. The controller runs at every physics step; a frame (every body's pose
 * and velocity, every joint's angle and rate, as the env reads them) is taken every control step
 * after a warm-up that lets the gait settle. The clip starts at x = 0.
 *
 * <p>SIMBICON parameters do not carry over between engines (tuned on ode4j, the walk does not
 * hold a steady gait on the reduced engine), so each engine has its own {@link Gait} set:
 * {@link #record(SimSettings, String, double, double, double)} picks the one of the engine it
 * records on ({@link Gait#named(String, String)}). The bundled reference gaits are recordings on
 * the default, reduced engine.
 */
public final class GaitRecorder {

    private GaitRecorder() {}

    /** Body masses in frame order (the centre of mass the controller balances). */
    static double[] masses() {
        double leg = OstrichGeometry.THIGH_MASS;
        return new double[] {OstrichGeometry.TORSO_MASS, leg, OstrichGeometry.SHIN_MASS, OstrichGeometry.FOOT_MASS,
            leg, OstrichGeometry.SHIN_MASS, OstrichGeometry.FOOT_MASS};
    }

    /** Records the gait named {@code gaitName} with the parameters tuned for the engine of {@code sim}. */
    public static KinematicClip record(SimSettings sim, String gaitName, double speed, double seconds, double warmupS) {
        return record(sim, Gait.named(gaitName, sim.engine()), speed, seconds, warmupS);
    }

    /**
     * Runs {@code warmupS + seconds} of walking and returns the last {@code seconds} as a clip at
     * the control rate of {@code sim} (frames = seconds / controlDt + 1). Fails with an
     * {@link IllegalArgumentException} if the robot falls (torso height or pitch beyond the env's
     * termination limits): the commanded speed is outside what the gait holds.
     */
    public static KinematicClip record(SimSettings sim, Gait gait, double speed, double seconds, double warmupS) {
        return record(sim, gait, speed, seconds, warmupS, frame -> { });
    }

    /** As {@link #record(SimSettings, Gait, double, double, double)}, showing {@code onFrame} every recorded frame as the engine gave it. */
    public static KinematicClip record(SimSettings sim, Gait gait, double speed, double seconds, double warmupS,
            java.util.function.Consumer<KinematicFrame> onFrame) {
        if (!(seconds > 0) || !(warmupS >= 0) || !Double.isFinite(seconds + warmupS)) {
            throw new IllegalArgumentException("recording needs seconds > 0 and warm-up >= 0, got " + seconds + " and " + warmupS);
        }
        if (!Double.isFinite(speed) || speed < 0 || speed > 3) {
            throw new IllegalArgumentException("speed " + speed + " m/s: expected a number in [0, 3]");
        }
        if (!sim.planar()) {
            throw new IllegalArgumentException("the SIMBICON recorder drives the planar ostrich (amp.sim.planar = true)");
        }
        double dt = sim.dt();
        int decimation = sim.decimation();
        double controlDt = sim.controlDt();
        int frames = (int) Math.round(seconds / controlDt) + 1;
        int warmupSteps = (int) Math.round(warmupS / controlDt);
        double[] kp = perJoint(sim.pd().kp());
        double[] kd = perJoint(sim.pd().kd());
        SimbiconController controller = new SimbiconController(gait, speed, kp, kd, masses(),
                OstrichGeometry.LEFT_FOOT, OstrichGeometry.RIGHT_FOOT);
        int d = OstrichLayout.JOINTS.size();
        int b = OstrichLayout.BODIES.size();
        double[] q = new double[frames * d];
        double[] qd = new double[frames * d];
        double[] pos = new double[frames * b * 3];
        double[] quat = new double[frames * b * 4];
        double[] lin = new double[frames * b * 3];
        double[] ang = new double[frames * b * 3];
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        double[] targets = new double[d];
        try (OstrichRobot robot = OstrichRobot.create(sim)) {
            standDefault(robot, f);
            double x0 = 0;
            for (int step = 0; step < warmupSteps + frames; step++) {
                if (step > 0) {
                    for (int s = 0; s < decimation; s++) {
                        robot.readFrame(f);
                        controller.targets(f, robot.inContact(OstrichGeometry.LEFT_FOOT), robot.inContact(OstrichGeometry.RIGHT_FOOT),
                                dt, targets);
                        robot.step(targets, 1, dt);
                    }
                }
                robot.readFrame(f);
                double t = step * controlDt;
                double pitch = FrameMath.pitch(f.rootQuat, 0);
                if (!robot.isFinite() || f.rootPos[2] < sim.terminations().minTorsoHeight()
                        || Math.abs(pitch) > sim.terminations().maxTorsoPitch()) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "gait '%s' at %.2f m/s fell on %s at t = %.2f s (torso height %.2f m, pitch %.2f rad) after %d steps; "
                            + "each engine's own gaits hold walk 0.6-1.0 m/s, march 0.3-0.6 m/s", gait.name(), speed, robot.engine().describe(), t,
                            f.rootPos[2], pitch, controller.steps()));
                }
                int k = step - warmupSteps;
                if (k < 0) {
                    continue;
                }
                if (k == 0) {
                    x0 = f.rootPos[0];
                }
                onFrame.accept(f);
                System.arraycopy(f.jointPos, 0, q, k * d, d);
                System.arraycopy(f.jointVel, 0, qd, k * d, d);
                System.arraycopy(f.bodyPos, 0, pos, k * b * 3, b * 3);
                for (int i = 0; i < b; i++) {
                    pos[(k * b + i) * 3] -= x0;
                }
                System.arraycopy(f.bodyQuat, 0, quat, k * b * 4, b * 4);
                System.arraycopy(f.bodyLinVel, 0, lin, k * b * 3, b * 3);
                System.arraycopy(f.bodyAngVel, 0, ang, k * b * 3, b * 3);
            }
        }
        String source = String.format(Locale.ROOT, "ostrich %s %.2f m/s (SIMBICON on %s, recorded)", gait.name(), speed,
                OstrichRobot.engineOf(sim).describe());
        return new KinematicClip(source, MotionFormat.ISAACLAB, QuatOrder.WXYZ, 1.0 / controlDt, frames, OstrichLayout.JOINTS,
                OstrichLayout.BODIES, d, b, q, qd, pos, quat, lin, ang, true, List.of());
    }

    /** Places the robot in the default pose, feet just touching the ground, at rest. */
    static void standDefault(OstrichRobot robot, KinematicFrame f) {
        OstrichKinematics fk = new OstrichKinematics();
        f.atRest(OstrichLayout.DEFAULT_JOINT_POS);
        f.rootPos[2] = 1.2;
        fk.forward(f);
        f.rootPos[2] -= fk.lowestFootZ(f) - 0.001;
        fk.forward(f);
        robot.writeFrame(f);
    }

    private static double[] perJoint(List<Double> leg) {
        double[] out = new double[6];
        for (int j = 0; j < 6; j++) {
            out[j] = leg.get(j % 3);
        }
        return out;
    }
}
