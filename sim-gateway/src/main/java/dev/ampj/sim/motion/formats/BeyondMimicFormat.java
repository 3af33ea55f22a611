package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionFileException;
import dev.ampj.sim.motion.MotionFormat;
import dev.ampj.sim.motion.npy.NpzArchive;
import java.util.List;

/**
 * BeyondMimic motion {@code .npz}: {@code joint_pos} / {@code joint_vel} [F, D], {@code body_pos_w}
 * [F, B, 3], {@code body_quat_w} [F, B, 4] (wxyz), {@code body_lin_vel_w} / {@code body_ang_vel_w}
 * [F, B, 3], {@code fps}. The files carry no names: joint and body names come from the
 * configuration ({@code amp.motion.dof-names} / {@code body-names}) or {@code dof_names} /
 * {@code body_names} entries when present; without them the clip has no names and cannot be mapped
 * onto a robot by name.
 */
public final class BeyondMimicFormat {

    static final List<String> REQUIRED = List.of("joint_pos", "joint_vel", "body_pos_w", "body_quat_w", "body_lin_vel_w", "body_ang_vel_w", "fps");

    private BeyondMimicFormat() {}

    public static KinematicClip read(NpzArchive npz, MotionReadOptions opts) {
        String file = npz.file();
        for (String k : REQUIRED) {
            npz.require(k);
        }
        Entries e = new Entries(file);
        double[] dofPos = e.perFrame(npz.require("joint_pos"), -1);
        int d = npz.require("joint_pos").dim(1);
        double[] dofVel = e.perFrame(npz.require("joint_vel"), d);
        double[] bodyPos = e.perFrame(npz.require("body_pos_w"), -1, 3);
        int b = npz.require("body_pos_w").dim(1);
        if (b == 0) {
            throw e.error("body_pos_w", "has no bodies: at least the root body is needed");
        }
        double[] quat = e.perFrame(npz.require("body_quat_w"), b, 4);
        double[] lin = e.perFrame(npz.require("body_lin_vel_w"), b, 3);
        double[] ang = e.perFrame(npz.require("body_ang_vel_w"), b, 3);
        double fps = e.positive(npz.require("fps"));
        List<String> dofNames = names(e, npz, "dof_names", opts.dofNames(), d, "amp.motion.dof-names");
        List<String> bodyNames = names(e, npz, "body_names", opts.bodyNames(), b, "amp.motion.body-names");
        return KinematicAssembler.assemble(e, file, MotionFormat.BEYONDMIMIC, opts, fps, dofNames, bodyNames, d, b,
                dofPos, dofVel, bodyPos, "body_quat_w", quat, lin, ang);
    }

    private static List<String> names(Entries e, NpzArchive npz, String entry, List<String> configured, int count, String key) {
        List<String> names = npz.has(entry) ? e.names(npz.require(entry)) : configured.isEmpty() ? null : e.distinct(key, configured);
        if (names != null && names.size() != count) {
            throw new MotionFileException(npz.file(), entry, (npz.has(entry) ? "lists " : key + " lists ") + names.size()
                    + " names but the data have " + count);
        }
        return names;
    }
}
