package dev.ampj.sim.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichKinematics;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.terms.KinematicFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same robot in two engines: from the same start state (standing pose, 0.3 m above the ground)
 * and the same joint-target script, the MuJoCo ostrich and the embedded reduced engine agree while
 * the robot is in the air to round-off (measured: ≤ 1e-11 m and rad over the 11 airborne control
 * steps), i.e. in everything but contact: masses, inertias, geometry, joint axes, PD control and
 * limits, and both integrate semi-implicit Euler at 5 ms. At touchdown (step 12) they part by
 * 1e-2 within a step and stay ~0.1 apart: MuJoCo's soft, penetrating contacts against the embedded
 * engine's exact LCP (printed, not asserted).
 */
class MujocoAgreementTest {

    static final int STEPS = 40;
    /** Control steps before the first foot touches down (at step 12, 0.24 s, in both engines). */
    static final int AIRBORNE = 11;

    @TempDir
    Path tmp;

    @Test
    void inTheAirTheMujocoAndTheEmbeddedOstrichFollowTheSameTrajectory() throws Exception {
        SimSettings settings = SimSettings.defaults();
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        new OstrichKinematics().standing(OstrichLayout.DEFAULT_JOINT_POS, 0.3, f);
        double[][] targets = new double[STEPS][6];
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < 6; j++) {
                targets[t][j] = OstrichLayout.DEFAULT_JOINT_POS[j] + settings.actionScale() * 0.8 * Math.sin(0.5 * t + j);
            }
        }
        StringBuilder json = new StringBuilder("{\"qpos\": [0, " + f.rootPos[2] + ", 0");
        for (double q : f.jointPos) {
            json.append(", ").append(q);
        }
        json.append("], \"qvel\": [0, 0, 0, 0, 0, 0, 0, 0, 0], \"targets\": [");
        for (int t = 0; t < STEPS; t++) {
            json.append(t == 0 ? "" : ", ").append(java.util.Arrays.toString(targets[t]));
        }
        json.append("]}");
        Path in = tmp.resolve("in.json");
        Files.writeString(in, json);
        Path log = tmp.resolve("out.log");
        Process p = PythonClients.start(log, "tests/agreement_rollout.py", in.toString());
        String out = PythonClients.finish(p, log, 60);
        assertEquals(0, p.exitValue(), out);
        Config c = ConfigFactory.parseString(out.substring(out.indexOf('{')));
        List<? extends List<? extends Number>> mujoco = c.getList("qpos").stream()
                .map(v -> ((List<?>) v.unwrapped()).stream().map(x -> (Number) x).toList()).toList();

        double worstAir = 0;
        StringBuilder report = new StringBuilder("step  |dz| m  |dpitch| rad  max|dq| rad (MuJoCo vs " + settings.engine() + ")\n");
        try (OstrichRobot robot = OstrichRobot.create(settings)) {
            robot.writeFrame(f);
            robot.readFrame(f);
            for (int t = 0; t < STEPS; t++) {
                robot.step(targets[t], settings.decimation(), settings.dt());
                robot.readFrame(f);
                List<? extends Number> m = mujoco.get(t);
                double dz = Math.abs(f.rootPos[2] - m.get(1).doubleValue());
                double pitch = 2 * Math.atan2(f.rootQuat[2], f.rootQuat[0]);
                double dp = Math.abs(pitch - m.get(2).doubleValue());
                double dq = 0;
                for (int j = 0; j < 6; j++) {
                    dq = Math.max(dq, Math.abs(f.jointPos[j] - m.get(3 + j).doubleValue()));
                }
                report.append(String.format(Locale.ROOT, "%4d  %.2e  %.2e  %.2e%n", t + 1, dz, dp, dq));
                if (t < AIRBORNE) {
                    worstAir = Math.max(worstAir, Math.max(dz, Math.max(dp, dq)));
                }
            }
        }
        System.out.print(report);
        assertTrue(worstAir < 1e-9, "in the air the engines agree within 1e-9 (m, rad); worst " + worstAir + "\n" + report);
    }
}
