package dev.ampj.sim.robot;

import org.ode4j.math.DQuaternion;
import org.ode4j.math.DVector3;
import org.ode4j.ode.DBody;
import org.ode4j.ode.internal.DxBody;
import org.ode4j.ode.internal.Rotation;

/**
 * Bit-exact read and write of a body's dynamic state: position (3), quaternion (4), linear (3) and
 * angular (3) velocity, all in ODE coordinates: {@value #DOUBLES} doubles.
 *
 * <p>Why internals: {@code DBody.setQuaternion} re-normalises and flips low bits of ~7% of values,
 * so a restored trajectory would diverge. The raw quaternion is written into {@code DxBody._q} and
 * the rotation matrix recomputed from it exactly as the stepper does ({@code Rotation.dRfromQ}),
 * then {@code setPosition} marks the attached geoms moved. Pinned to ode4j 0.5.3 ({@link OdeEngine}).
 */
public final class RawBodyState {

    public static final int DOUBLES = 13;

    private RawBodyState() {}

    /** Copies the state of {@code body} into {@code out[o..o+13)}. */
    public static void read(DBody body, double[] out, int o) {
        DxBody b = (DxBody) body;
        DVector3 p = b._posr.pos;
        DQuaternion q = b._q;
        DVector3 v = b.lvel;
        DVector3 w = b.avel;
        out[o] = p.get0();
        out[o + 1] = p.get1();
        out[o + 2] = p.get2();
        out[o + 3] = q.get0();
        out[o + 4] = q.get1();
        out[o + 5] = q.get2();
        out[o + 6] = q.get3();
        out[o + 7] = v.get0();
        out[o + 8] = v.get1();
        out[o + 9] = v.get2();
        out[o + 10] = w.get0();
        out[o + 11] = w.get1();
        out[o + 12] = w.get2();
    }

    /** Writes {@code in[o..o+13)} into {@code body} exactly (the quaternion is not re-normalised). */
    public static void write(DBody body, double[] in, int o) {
        DxBody b = (DxBody) body;
        b._q.set(in[o + 3], in[o + 4], in[o + 5], in[o + 6]);
        Rotation.dRfromQ(b._posr.Rw(), b._q);
        body.setPosition(in[o], in[o + 1], in[o + 2]);
        body.setLinearVel(in[o + 7], in[o + 8], in[o + 9]);
        body.setAngularVel(in[o + 10], in[o + 11], in[o + 12]);
    }
}
