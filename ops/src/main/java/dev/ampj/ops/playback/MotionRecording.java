package dev.ampj.ops.playback;

import dev.ampj.actors.eval.PolicyPlayback;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionFormat;
import dev.ampj.sim.motion.QuatOrder;
import dev.ampj.sim.motion.formats.IsaacLabFormat;
import dev.ampj.sim.terms.FrameLayout;
import dev.ampj.sim.terms.KinematicFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A played env's motion as an Isaac Lab motion {@code .npz} (the format the motion library reads,
 * as {@code amp motion record} writes it): the first episode only, so the clip is continuous,
 * every frame at the control rate with the engine's joint and body velocities.
 */
public final class MotionRecording {

    private MotionRecording() {}

    /** The first episode of {@code env} as a clip; {@code controlDt} seconds between frames. */
    public static KinematicClip clip(PolicyPlayback.EnvMotion env, double controlDt, String source) {
        int n = env.firstEpisodeFrames();
        if (n < 2) {
            throw new IllegalArgumentException("env " + env.env() + "'s first episode ended at its first step: no motion to "
                    + "record (a motion file needs 2 frames)");
        }
        KinematicFrame first = env.frames()[0];
        FrameLayout layout = first.layout();
        int d = layout.numJoints();
        int b = layout.numBodies();
        double[] q = new double[n * d];
        double[] qd = new double[n * d];
        double[] pos = new double[n * b * 3];
        double[] quat = new double[n * b * 4];
        double[] lin = new double[n * b * 3];
        double[] ang = new double[n * b * 3];
        for (int t = 0; t < n; t++) {
            KinematicFrame f = env.frames()[t];
            System.arraycopy(f.jointPos, 0, q, t * d, d);
            System.arraycopy(f.jointVel, 0, qd, t * d, d);
            System.arraycopy(f.bodyPos, 0, pos, t * b * 3, b * 3);
            System.arraycopy(f.bodyQuat, 0, quat, t * b * 4, b * 4);
            System.arraycopy(f.bodyLinVel, 0, lin, t * b * 3, b * 3);
            System.arraycopy(f.bodyAngVel, 0, ang, t * b * 3, b * 3);
        }
        return new KinematicClip(source, MotionFormat.ISAACLAB, QuatOrder.WXYZ, 1.0 / controlDt, n, layout.jointNames(),
                layout.bodyNames(), d, b, q, qd, pos, quat, lin, ang, true, List.of());
    }

    /** Writes {@code clip} to {@code out} (parent directories created). */
    public static void write(KinematicClip clip, Path out) throws IOException {
        Path abs = out.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        IsaacLabFormat.write(clip, abs);
    }
}
