package dev.ampj.sim.ostrich;

import dev.ampj.sim.reduced.PlanarChain;
import dev.ampj.sim.reduced.PlanarStepper;
import dev.ampj.sim.robot.EngineId;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * The ostrich in generalized coordinates ({@link PlanarStepper}): torso x, z, pitch and the six
 * hinge angles, in the sagittal plane. Same geometry, masses, actuators, contact parameters (ERP,
 * surface layer, friction) and conventions as {@link OdeOstrich}; the legs keep their lateral
 * offsets (±{@value OstrichGeometry#HIP_Y} m) in every readout.
 *
 * <p>Raw state: q (9) then q̇ (9); that is everything the stepper carries between steps.
 */
public final class ReducedOstrich implements OstrichRobot {

    /** Bump when a change of {@code dev.ampj.sim.reduced} or of this model changes trajectories. */
    public static final EngineId ENGINE = new EngineId("ampj-reduced", "1");
    static final double ERP = 0.2;
    static final double CFM = 1e-5;
    static final double SURFACE_LAYER = 0.001;
    static final int DOFS = 9;
    static final PlanarChain CHAIN = chain();
    /** Lateral (y) position of each body: the hips sit ±HIP_Y off the torso's centre. */
    private static final double[] LATERAL_Y = {0, OstrichGeometry.HIP_Y, OstrichGeometry.HIP_Y, OstrichGeometry.HIP_Y,
        -OstrichGeometry.HIP_Y, -OstrichGeometry.HIP_Y, -OstrichGeometry.HIP_Y};

    private final PlanarStepper stepper;
    private final OstrichActuators actuators;
    private final double[] tau = new double[6];
    private final int[] counts = new int[GEOMS];

    public ReducedOstrich(double[] legKp, double[] legKd, double[] legTorqueLimit) {
        actuators = new OstrichActuators(legKp, legKd, legTorqueLimit);
        stepper = new PlanarStepper(CHAIN, ERP, CFM, SURFACE_LAYER, OstrichGeometry.FRICTION);
        stepper.q()[1] = 1.2;
        stepper.stateChanged();
    }

    /** The ostrich as a planar chain: bodies in {@link OstrichLayout#BODIES} order, one geom per body. */
    private static PlanarChain chain() {
        double[] t = OstrichGeometry.TORSO_SIZE;
        double[] f = OstrichGeometry.FOOT_SIZE;
        PlanarChain.Builder b = PlanarChain.base(OstrichGeometry.TORSO_MASS, box(OstrichGeometry.TORSO_MASS, t));
        for (int side = 0; side < 2; side++) {
            int thigh = 1 + 3 * side;
            limb(b, thigh, OstrichGeometry.THIGH_MASS, OstrichGeometry.THIGH_RADIUS, OstrichGeometry.THIGH_LENGTH);
            limb(b, thigh + 1, OstrichGeometry.SHIN_MASS, OstrichGeometry.SHIN_RADIUS, OstrichGeometry.SHIN_LENGTH);
            hinge(b, thigh + 2, OstrichGeometry.FOOT_MASS, box(OstrichGeometry.FOOT_MASS, f));
        }
        b.box(0, 0, t[0], t[2]);
        for (int side = 0; side < 2; side++) {
            int thigh = 1 + 3 * side;
            b.capsule(thigh, thigh, OstrichGeometry.THIGH_RADIUS,
                    OstrichGeometry.THIGH_LENGTH - 2 * OstrichGeometry.THIGH_RADIUS);
            b.capsule(thigh + 1, thigh + 1, OstrichGeometry.SHIN_RADIUS,
                    OstrichGeometry.SHIN_LENGTH - 2 * OstrichGeometry.SHIN_RADIUS);
            b.box(thigh + 2, thigh + 2, f[0], f[2]);
        }
        return b.build();
    }

    private static void limb(PlanarChain.Builder b, int i, double mass, double radius, double length) {
        hinge(b, i, mass, capsule(mass, radius, length - 2 * radius));
    }

    private static void hinge(PlanarChain.Builder b, int i, double mass, double inertia) {
        double[] a = OstrichGeometry.ANCHOR_IN_PARENT[i];
        double[] com = OstrichGeometry.COM_FROM_ANCHOR[i];
        b.body(OstrichGeometry.PARENT[i], mass, inertia, a[0], a[2], com[0], com[2]);
    }

    /** Inertia about y of a uniform box of size {@code s} (x, y, z). */
    static double box(double mass, double[] s) {
        return mass / 12 * (s[0] * s[0] + s[2] * s[2]);
    }

    /**
     * Inertia about an axis across a uniform capsule (ODE's {@code dMassSetCapsuleTotal}: a cylinder
     * of {@code cylinder} m plus two hemispheres), so both engines weigh the limbs alike.
     */
    static double capsule(double mass, double r, double cylinder) {
        double v1 = Math.PI * r * r * cylinder;
        double v2 = 4.0 / 3.0 * Math.PI * r * r * r;
        double m1 = mass * v1 / (v1 + v2);
        double m2 = mass * v2 / (v1 + v2);
        return m1 * (0.25 * r * r + cylinder * cylinder / 12) + m2 * (0.4 * r * r + 0.375 * r * cylinder
                + 0.25 * cylinder * cylinder);
    }

    @Override
    public EngineId engine() {
        return ENGINE;
    }

    @Override
    public void step(double[] targets, int substeps, double dt) {
        double[] q = stepper.q();
        double[] qd = stepper.qd();
        actuators.begin();
        for (int s = 0; s < substeps; s++) {
            for (int j = 0; j < 6; j++) {
                tau[j] = actuators.torque(j, targets[j], q[3 + j], qd[3 + j]);
            }
            if (!stepper.step(dt, tau)) {
                // Only a non-finite or diverged state gets here: make it visible as such.
                java.util.Arrays.fill(q, Double.NaN);
                java.util.Arrays.fill(qd, Double.NaN);
                stepper.stateChanged();
                break;
            }
        }
        actuators.end(substeps);
    }

    @Override
    public OstrichActuators actuators() {
        return actuators;
    }

    @Override
    public boolean inContact(int body) {
        return stepper.contacts(body) > 0;
    }

    @Override
    public void readFrame(KinematicFrame f) {
        double[] q = stepper.q();
        double[] qd = stepper.qd();
        for (int i = 0; i < 7; i++) {
            double phi = q[2];
            for (int k = i; k > 0; k = OstrichGeometry.PARENT[k]) {
                phi += q[2 + k];
            }
            f.bodyPos[3 * i] = stepper.bodyX(i);
            f.bodyPos[3 * i + 1] = LATERAL_Y[i];
            f.bodyPos[3 * i + 2] = stepper.bodyZ(i);
            f.bodyQuat[4 * i] = StrictMath.cos(0.5 * phi);
            f.bodyQuat[4 * i + 1] = 0;
            f.bodyQuat[4 * i + 2] = StrictMath.sin(0.5 * phi);
            f.bodyQuat[4 * i + 3] = 0;
            f.bodyLinVel[3 * i] = stepper.bodyVx(i);
            f.bodyLinVel[3 * i + 1] = 0;
            f.bodyLinVel[3 * i + 2] = stepper.bodyVz(i);
            f.bodyAngVel[3 * i] = 0;
            f.bodyAngVel[3 * i + 1] = stepper.bodyW(i);
            f.bodyAngVel[3 * i + 2] = 0;
        }
        f.syncRootFromBody0();
        for (int j = 0; j < 6; j++) {
            f.jointPos[j] = q[3 + j];
            f.jointVel[j] = qd[3 + j];
        }
    }

    /**
     * Reads the torso's x, z, pitch and velocities and the joint fields (lateral components are
     * dropped); the ground contacts become those of the new state.
     */
    @Override
    public void writeFrame(KinematicFrame f) {
        double[] q = stepper.q();
        double[] qd = stepper.qd();
        double w = f.bodyQuat[0];
        double x = f.bodyQuat[1];
        double y = f.bodyQuat[2];
        double z = f.bodyQuat[3];
        // pitch of the torso's x axis, R(q) (1, 0, 0) = (1 − 2(y² + z²), ·, 2(xz − wy))
        q[0] = f.bodyPos[0];
        q[1] = f.bodyPos[2];
        q[2] = StrictMath.atan2(-2 * (x * z - w * y), 1 - 2 * (y * y + z * z));
        qd[0] = f.bodyLinVel[0];
        qd[1] = f.bodyLinVel[2];
        qd[2] = f.bodyAngVel[1];
        for (int j = 0; j < 6; j++) {
            q[3 + j] = f.jointPos[j];
            qd[3 + j] = f.jointVel[j];
        }
        stepper.stateChanged();
        stepper.senseContacts();
    }

    @Override
    public int stateDoubles() {
        return 2 * DOFS;
    }

    @Override
    public void readState(double[] out, int o) {
        System.arraycopy(stepper.q(), 0, out, o, DOFS);
        System.arraycopy(stepper.qd(), 0, out, o + DOFS, DOFS);
    }

    @Override
    public void writeState(double[] in, int o) {
        System.arraycopy(in, o, stepper.q(), 0, DOFS);
        System.arraycopy(in, o + DOFS, stepper.qd(), 0, DOFS);
        stepper.stateChanged();
    }

    @Override
    public void setFriction(double mu) {
        stepper.setFriction(mu);
    }

    /** Scales the stepper's own copy of the masses: {@link #CHAIN} stays shared and unchanged. */
    @Override
    public void setMassScale(double[] scale) {
        OstrichRobot.checkMassScale(scale);
        stepper.setMassScale(scale);
    }

    @Override
    public double mass(int body) {
        return stepper.mass(body);
    }

    @Override
    public int maxContactsPerGeom() {
        return 4;
    }

    @Override
    public void readContacts(int[] out) {
        for (int g = 0; g < GEOMS; g++) {
            out[g] = stepper.contacts(g);
        }
    }

    @Override
    public void writeContacts(int[] in) {
        if (in.length != GEOMS) {
            throw new IllegalArgumentException("contact counts: expected " + GEOMS + " geoms, got " + in.length);
        }
        for (int g = 0; g < GEOMS; g++) {
            if (in[g] < 0 || in[g] > maxContactsPerGeom()) {
                throw new IllegalArgumentException("contact count " + in[g] + " of geom " + g + " is outside 0.."
                        + maxContactsPerGeom());
            }
        }
        System.arraycopy(in, 0, counts, 0, GEOMS);
        stepper.setContacts(counts);
    }

    @Override
    public boolean isFinite() {
        for (int a = 0; a < DOFS; a++) {
            if (!Double.isFinite(stepper.q()[a]) || !Double.isFinite(stepper.qd()[a])) {
                return false;
            }
        }
        return true;
    }

    /** The stepper (tests: energy, contact solve statistics). */
    public PlanarStepper stepper() {
        return stepper;
    }

    @Override
    public void close() {
        // Plain Java state: nothing to release.
    }
}
