package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.FiniteDifferences;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionFormat;
import dev.ampj.sim.motion.QuatOrder;
import dev.ampj.sim.motion.Quaternions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns validated per-frame arrays into a {@link KinematicClip}: converts quaternions to w, x, y, z,
 * refuses non-unit ones beyond the tolerance, warns when the data look like the other convention,
 * and fills missing velocities by finite differences.
 */
final class KinematicAssembler {

    /** Mean root "up" below this under the read order, and above {@link #UPRIGHT} under the other: suspicious. */
    private static final double TILTED = 0.5;
    private static final double UPRIGHT = 0.9;
    /** Mean |w| below this under the read order and above {@link #W_NEAR_ONE} under the other: suspicious. */
    private static final double W_NEAR_ZERO = 0.2;
    private static final double W_NEAR_ONE = 0.9;

    private KinematicAssembler() {}

    static KinematicClip assemble(Entries e, String file, MotionFormat format, MotionReadOptions opts, double fps,
            List<String> dofNames, List<String> bodyNames, int dofs, int bodies,
            double[] dofPos, double[] dofVel, double[] bodyPos, String quatEntry, double[] rawQuat,
            double[] linVel, double[] angVel) {
        int frames = e.frames();
        QuatOrder order = opts.quatOrder() != null ? opts.quatOrder() : format.declaredQuatOrder();
        List<String> warnings = new ArrayList<>();
        double[] q = toWxyz(e, quatEntry, rawQuat, frames, bodies, order, opts.quatNormTolerance());
        String w = conventionWarning(rawQuat, frames, bodies, order);
        if (w != null) {
            warnings.add(quatEntry + ": " + w);
        }
        boolean fromFile = dofVel != null && linVel != null && angVel != null;
        if (dofVel == null) {
            dofVel = FiniteDifferences.linear(dofPos, frames, dofs, fps);
        }
        if (linVel == null) {
            linVel = FiniteDifferences.linear(bodyPos, frames, bodies * 3, fps);
        }
        if (angVel == null) {
            angVel = FiniteDifferences.angular(q, frames, bodies, fps);
        }
        if (frames < 2) {
            warnings.add("a single frame: velocities are zero and the clip has no duration");
        }
        return new KinematicClip(file, format, order, fps, frames, dofNames, bodyNames, dofs, bodies,
                dofPos, dofVel, bodyPos, q, linVel, angVel, fromFile, warnings);
    }

    static double[] toWxyz(Entries e, String entry, double[] raw, int frames, int bodies, QuatOrder order, double tol) {
        double[] q = new double[raw.length];
        for (int i = 0; i < frames * bodies; i++) {
            order.toWxyz(raw, i * 4, q, i * 4);
            double n = Quaternions.norm(q, i * 4);
            if (Math.abs(n - 1.0) > tol) {
                throw e.error(entry, String.format(Locale.ROOT, "quaternion at frame %d, body %d has norm %.6g (unit within %.3g expected)",
                        i / bodies, i % bodies, n, tol));
            }
            Quaternions.normalize(q, i * 4);
        }
        return q;
    }

    /**
     * Two signs of a mislabelled order, checked on the root (body 0) over the whole clip: the root
     * is mostly tilted over under the read order but upright under the other one; or the read
     * scalar part w stays near 0 while the other order's w stays near ±1 (an upright root whose
     * heading barely changes has |w| near 1). A root facing backwards for the whole clip also
     * shows the second sign, which is why this is a warning and not an error.
     */
    static String conventionWarning(double[] raw, int frames, int bodies, QuatOrder order) {
        double read = 0;
        double other = 0;
        double readW = 0;
        double otherW = 0;
        double[] tmp = new double[4];
        for (int f = 0; f < frames; f++) {
            int at = f * bodies * 4;
            order.toWxyz(raw, at, tmp, 0);
            Quaternions.normalize(tmp, 0);
            read += Quaternions.upZ(tmp, 0);
            readW += Math.abs(tmp[0]);
            order.other().toWxyz(raw, at, tmp, 0);
            Quaternions.normalize(tmp, 0);
            other += Quaternions.upZ(tmp, 0);
            otherW += Math.abs(tmp[0]);
        }
        read /= frames;
        other /= frames;
        readW /= frames;
        otherW /= frames;
        String hint = "the data look like " + order.other().lower() + "; set amp.motion.quat-order (or --quat-order) if so";
        if (read < TILTED && other > UPRIGHT) {
            return String.format(Locale.ROOT, "read as %s the root is tilted (mean up-axis z %.2f) but read as %s it is upright (%.2f): %s",
                    order.lower(), read, order.other().lower(), other, hint);
        }
        if (readW < W_NEAR_ZERO && otherW > W_NEAR_ONE) {
            return String.format(Locale.ROOT, "read as %s the root's w stays near 0 (mean |w| %.2f) while read as %s it stays near 1 (%.2f): %s",
                    order.lower(), readW, order.other().lower(), otherW, hint);
        }
        return null;
    }
}
