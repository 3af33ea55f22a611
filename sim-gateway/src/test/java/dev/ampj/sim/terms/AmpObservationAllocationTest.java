package dev.ampj.sim.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ampj.sim.ostrich.OstrichLayout;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluating AMP observation terms allocates nothing (they run on every env step). */
class AmpObservationAllocationTest {

    @Test
    void computeIsAllocationFree() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AmpObservation obs = AmpTermRegistry.resolve(List.of("ostrich22", "root_quat_w", "root_lin_vel_b",
                "root_ang_vel_b", "joint_pos_rel", "body_pos_b", "body_quat_w", "body_lin_vel_w", "body_ang_vel_w"),
                OstrichLayout.KEY_BODIES, OstrichLayout.LAYOUT);
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        FrameMath.axisAngle(0, 1, 0, 0.2, f.rootQuat, 0);
        float[] out = new float[obs.dim()];
        for (int i = 0; i < 200_000; i++) { // warm up: compiled code, no interpreter artefacts
            f.rootLinVel[0] = i;
            obs.compute(f, out, 0);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            f.rootLinVel[0] = i;
            obs.compute(f, out, 0);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(0, allocated, 1024, "bytes allocated by 100k evaluations");
    }
}
