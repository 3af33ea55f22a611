package dev.ampj.sim.ostrich;

import dev.ampj.sim.robot.EngineId;
import dev.ampj.sim.robot.GroundContacts;
import dev.ampj.sim.robot.OdeEngine;
import dev.ampj.sim.robot.RawBodyState;
import dev.ampj.sim.robot.YUpAxes;
import dev.ampj.sim.terms.KinematicFrame;
import org.ode4j.math.DMatrix3;
import org.ode4j.math.DMatrix3C;
import org.ode4j.ode.DBody;
import org.ode4j.ode.DBox;
import org.ode4j.ode.DCapsule;
import org.ode4j.ode.DGeom;
import org.ode4j.ode.DHingeJoint;
import org.ode4j.ode.DMass;
import org.ode4j.ode.DMassC;
import org.ode4j.ode.DPlane;
import org.ode4j.ode.DPlane2DJoint;
import org.ode4j.ode.DWorld;
import org.ode4j.ode.OdeHelper;
import org.ode4j.ode.internal.Rotation;

/**
 * The ostrich in ode4j (maximal coordinates): one ostrich in its own ODE world (one world per env: worlds share nothing, so envs can be stepped
 * on any thread), stepped with the dense {@code world.step} (deterministic; {@code quickStep}
 * shuffles constraints with a JVM-global RNG). PD position control runs at every physics step.
 *
 * <p>Built in ODE's y-up coordinates ({@link YUpAxes}); everything public speaks the project's
 * z-up world frame. Joint j is a hinge between body j+1 (ODE body 1) and its parent, turning about
 * the parent's +y (frame), so ODE's hinge angle, rate and torque have the sign of
 * {@link OstrichLayout}.
 */
public final class OdeOstrich implements OstrichRobot {

    /** Raw state size: 7 bodies × 13 doubles. */
    public static final int STATE_DOUBLES = 7 * RawBodyState.DOUBLES;
    /** Engine name and version, as snapshots and replay keys record it. */
    public static final EngineId ENGINE = new EngineId(OdeEngine.NAME, OdeEngine.VERSION);
    /** ODE world constraint parameters: error reduction and constraint force mixing. */
    static final double ERP = 0.2;
    static final double CFM = 1e-5;
    public static final int CONTACTS_PER_GEOM = 4;

    private final DWorld world;
    private final DBody[] bodies = new DBody[7];
    private final DGeom[] geoms = new DGeom[7];
    private final DHingeJoint[] hinges = new DHingeJoint[6];
    private final DPlane ground;
    private final GroundContacts contacts;
    private final OstrichActuators actuators;
    private final double[] scratch = new double[4];
    private final double[] raw = new double[RawBodyState.DOUBLES];
    /** Each body's mass as built: {@link #setMassScale} scales from these, so scales do not compound. */
    private final DMass[] nominal = new DMass[7];
    private final DMass scaled = OdeHelper.createMass();

    /**
     * @param planar      hold the torso in the sagittal plane with a plane-2D joint
     * @param legKp       stiffness per leg joint [hip, knee, ankle]
     * @param legKd       damping per leg joint
     * @param legTorqueLimit torque limit per leg joint
     */
    public OdeOstrich(boolean planar, double[] legKp, double[] legKd, double[] legTorqueLimit) {
        OdeEngine.init();
        actuators = new OstrichActuators(legKp, legKd, legTorqueLimit);
        world = OdeHelper.createWorld();
        world.setGravity(0, -9.81, 0);
        world.setERP(ERP);
        world.setCFM(CFM);
        world.setAutoDisableFlag(false);
        world.setStepIslandsProcessingMaxThreadCount(1);
        world.setContactSurfaceLayer(0.001);

        KinematicFrame zero = new KinematicFrame(OstrichLayout.LAYOUT);
        zero.rootPos[2] = 1.2;
        new OstrichKinematics().forward(zero);
        for (int i = 0; i < 7; i++) {
            bodies[i] = OdeHelper.createBody(world);
            double[] p = new double[3];
            YUpAxes.toOde(zero.bodyPos[3 * i], zero.bodyPos[3 * i + 1], zero.bodyPos[3 * i + 2], p, 0);
            bodies[i].setPosition(p[0], p[1], p[2]);
        }
        DMass m = OdeHelper.createMass();
        double[] t = OstrichGeometry.TORSO_SIZE;
        // ODE body axes: x forward, y up, z = −frame y.
        m.setBoxTotal(OstrichGeometry.TORSO_MASS, t[0], t[2], t[1]);
        bodies[0].setMass(m);
        geoms[0] = OdeHelper.createBox(null, t[0], t[2], t[1]);
        for (int side = 0; side < 2; side++) {
            int thigh = 1 + 3 * side;
            limb(thigh, OstrichGeometry.THIGH_MASS, OstrichGeometry.THIGH_RADIUS, OstrichGeometry.THIGH_LENGTH, m);
            limb(thigh + 1, OstrichGeometry.SHIN_MASS, OstrichGeometry.SHIN_RADIUS, OstrichGeometry.SHIN_LENGTH, m);
            double[] f = OstrichGeometry.FOOT_SIZE;
            m.setBoxTotal(OstrichGeometry.FOOT_MASS, f[0], f[2], f[1]);
            bodies[thigh + 2].setMass(m);
            geoms[thigh + 2] = OdeHelper.createBox(null, f[0], f[2], f[1]);
        }
        geoms[0].setBody(bodies[0]);
        geoms[3].setBody(bodies[3]);
        geoms[6].setBody(bodies[6]);
        DMatrix3 upright = new DMatrix3();
        Rotation.dRFromAxisAndAngle(upright, 1, 0, 0, -Math.PI / 2); // capsule axis z -> y (up)
        for (int i : new int[] {1, 2, 4, 5}) {
            geoms[i].setBody(bodies[i]);
            geoms[i].setOffsetRotation(upright);
        }
        for (int i = 1; i < 7; i++) {
            int par = OstrichGeometry.PARENT[i];
            double[] a = OstrichGeometry.ANCHOR_IN_PARENT[i];
            double[] anchor = new double[3];
            YUpAxes.toOde(zero.bodyPos[3 * par] + a[0], zero.bodyPos[3 * par + 1] + a[1],
                    zero.bodyPos[3 * par + 2] + a[2], anchor, 0);
            DHingeJoint h = OdeHelper.createHingeJoint(world);
            h.attach(bodies[i], bodies[par]);
            h.setAnchor(anchor[0], anchor[1], anchor[2]);
            h.setAxis(0, 0, -1); // frame +y
            hinges[i - 1] = h;
        }
        if (planar) {
            DPlane2DJoint plane = OdeHelper.createPlane2DJoint(world);
            plane.attach(bodies[0], null);
        }
        for (int i = 0; i < 7; i++) {
            nominal[i] = OdeHelper.createMass();
            scale(bodies[i].getMass(), 1, nominal[i]);
        }
        ground = OdeHelper.createPlane(null, 0, 1, 0, 0);
        contacts = new GroundContacts(world, ground, geoms, CONTACTS_PER_GEOM, OstrichGeometry.FRICTION, planar, reach());
    }

    /** Per geom, the distance from its body's centre of mass to its farthest point (for contact culling). */
    private static double[] reach() {
        double[] t = OstrichGeometry.TORSO_SIZE;
        double[] f = OstrichGeometry.FOOT_SIZE;
        double torso = 0.5 * Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
        double foot = 0.5 * Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
        double thigh = OstrichGeometry.THIGH_LENGTH / 2;
        double shin = OstrichGeometry.SHIN_LENGTH / 2;
        return new double[] {torso, thigh, shin, foot, thigh, shin, foot};
    }

    private void limb(int i, double mass, double radius, double length, DMass m) {
        double cylinder = length - 2 * radius;
        m.setCapsuleTotal(mass, 2, radius, cylinder);
        bodies[i].setMass(m);
        geoms[i] = OdeHelper.createCapsule(null, radius, cylinder);
    }

    @Override
    public void step(double[] targets, int substeps, double dt) {
        actuators.begin();
        for (int s = 0; s < substeps; s++) {
            for (int j = 0; j < 6; j++) {
                DHingeJoint h = hinges[j];
                h.addTorque(actuators.torque(j, targets[j], h.getAngle(), h.getAngleRate()));
            }
            contacts.generate();
            world.step(dt);
            contacts.clear();
        }
        actuators.end(substeps);
    }

    @Override
    public OstrichActuators actuators() {
        return actuators;
    }

    @Override
    public EngineId engine() {
        return ENGINE;
    }

    @Override
    public int stateDoubles() {
        return STATE_DOUBLES;
    }

    @Override
    public void setFriction(double mu) {
        contacts.setFriction(mu);
    }

    /** Sets each body's DMass to its built one with mass and inertia tensor times the factor. */
    @Override
    public void setMassScale(double[] scale) {
        OstrichRobot.checkMassScale(scale);
        for (int i = 0; i < 7; i++) {
            scale(nominal[i], scale[i], scaled);
            bodies[i].setMass(scaled);
        }
    }

    /** {@code out} = {@code m} with mass and inertia tensor times {@code f} (centre of mass at the body origin). */
    private static void scale(DMassC m, double f, DMass out) {
        DMatrix3C in = m.getI();
        out.setParameters(m.getMass() * f, 0, 0, 0, in.get00() * f, in.get11() * f, in.get22() * f,
                in.get01() * f, in.get02() * f, in.get12() * f);
    }

    @Override
    public double mass(int body) {
        return bodies[body].getMass().getMass();
    }

    @Override
    public int maxContactsPerGeom() {
        return CONTACTS_PER_GEOM;
    }

    @Override
    public boolean inContact(int body) {
        return contacts.count(body) > 0;
    }

    @Override
    public void readFrame(KinematicFrame f) {
        for (int i = 0; i < 7; i++) {
            double[] r = raw;
            RawBodyState.read(bodies[i], r, 0);
            YUpAxes.toFrame(r[0], r[1], r[2], f.bodyPos, 3 * i);
            YUpAxes.quatToFrame(r[3], r[4], r[5], r[6], f.bodyQuat, 4 * i);
            YUpAxes.toFrame(r[7], r[8], r[9], f.bodyLinVel, 3 * i);
            YUpAxes.toFrame(r[10], r[11], r[12], f.bodyAngVel, 3 * i);
        }
        f.syncRootFromBody0();
        for (int j = 0; j < 6; j++) {
            f.jointPos[j] = hinges[j].getAngle();
            f.jointVel[j] = hinges[j].getAngleRate();
        }
    }

    /** Sets every body from {@code f}'s body fields (root and joint fields are not read); contacts become the new state's. */
    @Override
    public void writeFrame(KinematicFrame f) {
        double[] r = raw;
        for (int i = 0; i < 7; i++) {
            YUpAxes.toOde(f.bodyPos[3 * i], f.bodyPos[3 * i + 1], f.bodyPos[3 * i + 2], r, 0);
            YUpAxes.quatToOde(f.bodyQuat[4 * i], f.bodyQuat[4 * i + 1], f.bodyQuat[4 * i + 2], f.bodyQuat[4 * i + 3],
                    scratch, 0);
            normalise(scratch);
            System.arraycopy(scratch, 0, r, 3, 4);
            YUpAxes.toOde(f.bodyLinVel[3 * i], f.bodyLinVel[3 * i + 1], f.bodyLinVel[3 * i + 2], r, 7);
            YUpAxes.toOde(f.bodyAngVel[3 * i], f.bodyAngVel[3 * i + 1], f.bodyAngVel[3 * i + 2], r, 10);
            RawBodyState.write(bodies[i], r, 0);
        }
        contacts.sense();
    }

    /** Raw engine state ({@value #STATE_DOUBLES} doubles: per body position, quaternion, velocities in ODE coordinates). */
    @Override
    public void readState(double[] out, int o) {
        for (int i = 0; i < 7; i++) {
            RawBodyState.read(bodies[i], out, o + i * RawBodyState.DOUBLES);
        }
    }

    @Override
    public void writeState(double[] in, int o) {
        for (int i = 0; i < 7; i++) {
            RawBodyState.write(bodies[i], in, o + i * RawBodyState.DOUBLES);
        }
    }

    @Override
    public void readContacts(int[] out) {
        for (int g = 0; g < GEOMS; g++) {
            out[g] = contacts.count(g);
        }
    }

    @Override
    public void writeContacts(int[] in) {
        contacts.setCounts(in);
    }

    @Override
    public boolean isFinite() {
        double[] r = raw;
        for (int i = 0; i < 7; i++) {
            RawBodyState.read(bodies[i], r, 0);
            for (int k = 0; k < RawBodyState.DOUBLES; k++) {
                if (!Double.isFinite(r[k])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The engine body {@code i} (for tests and tools that need to poke the engine). */
    public DBody body(int i) {
        return bodies[i];
    }

    @Override
    public void close() {
        contacts.destroy();
        for (DGeom g : geoms) {
            g.destroy();
        }
        ground.destroy();
        world.destroy();
    }

    private static void normalise(double[] q) {
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        for (int k = 0; k < 4; k++) {
            q[k] /= n;
        }
    }
}
