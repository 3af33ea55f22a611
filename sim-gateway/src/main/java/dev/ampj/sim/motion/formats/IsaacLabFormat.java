package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionFileException;
import dev.ampj.sim.motion.MotionFormat;
import dev.ampj.sim.motion.npy.NpyArray;
import dev.ampj.sim.motion.npy.NpzArchive;
import dev.ampj.sim.motion.npy.NpzWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Isaac Lab / BeyondAMP motion {@code .npz}: {@code dof_names} [D], {@code body_names} [B],
 * {@code dof_positions} / {@code dof_velocities} [F, D], {@code body_positions} [F, B, 3],
 * {@code body_rotations} [F, B, 4] (wxyz), {@code body_linear_velocities} /
 * {@code body_angular_velocities} [F, B, 3] (world frame), {@code fps}. The velocity entries may
 * be absent (they are then computed), all the others are required.
 */
public final class IsaacLabFormat {

    static final List<String> REQUIRED = List.of("dof_names", "body_names", "dof_positions", "body_positions", "body_rotations", "fps");
    static final List<String> VELOCITIES = List.of("dof_velocities", "body_linear_velocities", "body_angular_velocities");

    private IsaacLabFormat() {}

    public static KinematicClip read(NpzArchive npz, MotionReadOptions opts) {
        String file = npz.file();
        for (String k : REQUIRED) {
            npz.require(k);
        }
        Entries e = new Entries(file);
        List<String> dofNames = e.names(npz.require("dof_names"));
        List<String> bodyNames = e.names(npz.require("body_names"));
        int d = dofNames.size();
        int b = bodyNames.size();
        if (b == 0) {
            throw e.error("body_names", "is empty: at least the root body is needed");
        }
        double[] dofPos = e.perFrame(npz.require("dof_positions"), d);
        double[] bodyPos = e.perFrame(npz.require("body_positions"), b, 3);
        double[] quat = e.perFrame(npz.require("body_rotations"), b, 4);
        double[] dofVel = optional(e, npz, "dof_velocities", d);
        double[] lin = optional(e, npz, "body_linear_velocities", b, 3);
        double[] ang = optional(e, npz, "body_angular_velocities", b, 3);
        int present = (dofVel != null ? 1 : 0) + (lin != null ? 1 : 0) + (ang != null ? 1 : 0);
        if (present != 0 && present != 3) {
            throw new MotionFileException(file, null, "has only some of " + VELOCITIES + "; give all three or none");
        }
        double fps = e.positive(npz.require("fps"));
        return KinematicAssembler.assemble(e, file, MotionFormat.ISAACLAB, opts, fps, dofNames, bodyNames, d, b,
                dofPos, dofVel, bodyPos, "body_rotations", quat, lin, ang);
    }

    private static double[] optional(Entries e, NpzArchive npz, String name, int... dims) {
        NpyArray a = npz.getOrNull(name);
        return a == null ? null : e.perFrame(a, dims);
    }

    /**
     * Writes {@code clip} in this format (float32 data, float64 fps, names as {@code <U}), deflated
     * like {@code np.savez_compressed}. The clip must carry joint and body names.
     */
    public static void write(KinematicClip clip, Path out) throws IOException {
        if (clip.dofNames() == null || clip.bodyNames() == null) {
            throw new IllegalArgumentException(clip.source() + ": has no joint or body names; Isaac Lab files need both");
        }
        int f = clip.frames();
        int d = clip.dofs();
        int b = clip.bodies();
        new NpzWriter(true)
                .add(NpyArray.ofStrings("dof_names", clip.dofNames().toArray(String[]::new)))
                .add(NpyArray.ofStrings("body_names", clip.bodyNames().toArray(String[]::new)))
                .add(NpyArray.ofFloat32("dof_positions", new int[] {f, d}, clip.dofPos()))
                .add(NpyArray.ofFloat32("dof_velocities", new int[] {f, d}, clip.dofVel()))
                .add(NpyArray.ofFloat32("body_positions", new int[] {f, b, 3}, clip.bodyPos()))
                .add(NpyArray.ofFloat32("body_rotations", new int[] {f, b, 4}, clip.bodyQuat()))
                .add(NpyArray.ofFloat32("body_linear_velocities", new int[] {f, b, 3}, clip.bodyLinVel()))
                .add(NpyArray.ofFloat32("body_angular_velocities", new int[] {f, b, 3}, clip.bodyAngVel()))
                .add(NpyArray.ofFloat64("fps", new int[0], new double[] {clip.fps()}))
                .write(out);
    }
}
