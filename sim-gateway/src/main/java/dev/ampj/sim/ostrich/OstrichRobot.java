package dev.ampj.sim.ostrich;

import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.robot.EngineId;
import dev.ampj.sim.terms.KinematicFrame;
import java.util.List;

/**
 * The ostrich as one physics engine simulates it: stepping under PD control, kinematic readout,
 * and an exact raw state for snapshots. Implementations: {@link ReducedOstrich} (generalized
 * coordinates, sagittal plane; the default) and {@link OdeOstrich} (ode4j, maximal coordinates,
 * planar or 3D). Not thread-safe: one instance per env.
 */
public interface OstrichRobot extends AutoCloseable {

    /** Geoms, one per body: the size of {@link #readContacts}. */
    int GEOMS = 7;
    /** Size of {@link #readReadouts}. */
    int READOUT_DOUBLES = OstrichActuators.READOUT_DOUBLES;

    /** The robot {@code settings} ({@code amp.sim}) ask for: engine, planarity, PD gains, torque limits. */
    static OstrichRobot create(SimSettings settings) {
        double[] kp = array(settings.pd().kp());
        double[] kd = array(settings.pd().kd());
        double[] limit = array(settings.pd().torqueLimit());
        return switch (settings.engine()) {
            case SimSettings.ENGINE_REDUCED -> {
                if (!settings.planar()) {
                    throw new IllegalArgumentException("amp.sim.engine = " + SimSettings.ENGINE_REDUCED
                            + " simulates the sagittal plane only, but amp.sim.planar = false: set amp.sim.engine = "
                            + SimSettings.ENGINE_ODE4J + " for a robot free in 3D");
                }
                yield new ReducedOstrich(kp, kd, limit);
            }
            case SimSettings.ENGINE_ODE4J -> new OdeOstrich(settings.planar(), kp, kd, limit);
            default -> throw new IllegalArgumentException("amp.sim.engine = " + settings.engine()
                    + ": expected one of " + SimSettings.ENGINES);
        };
    }

    /** The engine {@code settings} select, without building a robot. */
    static EngineId engineOf(SimSettings settings) {
        if (settings.engine().equals(SimSettings.ENGINE_EXTERNAL)) {
            throw new IllegalArgumentException("amp.sim.engine = " + SimSettings.ENGINE_EXTERNAL + ": the physics run in an"
                    + " external simulator behind the gateway (amp.gateway); this command needs an embedded engine:"
                    + " reduced or ode4j");
        }
        return settings.engine().equals(SimSettings.ENGINE_REDUCED) ? ReducedOstrich.ENGINE : OdeOstrich.ENGINE;
    }

    private static double[] array(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }

    /** The engine simulating this robot, recorded with every snapshot and run. */
    EngineId engine();

    /**
     * Runs {@code substeps} physics steps of {@code dt}, each with PD torques towards
     * {@code targets} (rad, per joint); afterwards {@link #actuators()} holds the readouts.
     */
    void step(double[] targets, int substeps, double dt);

    /** The actuators and their readouts of the last {@link #step}. */
    OstrichActuators actuators();

    /** Substep average of Σ τ² in the last {@link #step}. */
    default double meanTorqueSq() {
        return actuators().meanTorqueSq();
    }

    /** Substep average of Σ |τ q̇| (W) in the last {@link #step}. */
    default double meanPower() {
        return actuators().meanPower();
    }

    /** PD torque applied to joint {@code j} in the last substep. */
    default double torque(int j) {
        return actuators().torque(j);
    }

    /** True if body {@code body}'s geom touched the ground in the last substep. */
    boolean inContact(int body);

    /** Fills {@code f} (root, joints, bodies) from the engine. */
    void readFrame(KinematicFrame f);

    /**
     * Sets the robot's state from {@code f}, which must be consistent (root, joints and bodies as
     * {@link OstrichKinematics#forward} leaves them). Each engine reads what its coordinates need.
     */
    void writeFrame(KinematicFrame f);

    /** Size of the raw engine state of {@link #readState}. */
    int stateDoubles();

    /** Raw engine state ({@link #stateDoubles()} doubles) into {@code out[o..]}. */
    void readState(double[] out, int o);

    /** Restores a {@link #readState} exactly. */
    void writeState(double[] in, int o);

    /**
     * Sets the ground's Coulomb friction coefficient for the next steps ({@link OstrichGeometry#FRICTION}
     * until set). Not part of {@link #readState}: its owner sets it again after a restore.
     */
    void setFriction(double mu);

    /**
     * Scales each body's mass and inertia ({@link OstrichLayout#BODIES} order, {@value #GEOMS}
     * factors) from the robot as built, as a uniformly denser link would: centre of mass and shape
     * unchanged. Until set, every factor is 1. Not part of {@link #readState}: its owner sets it again
     * after a restore, as it does the friction.
     */
    void setMassScale(double[] scale);

    /** Mass (kg) of body {@code body} the engine steps with now. */
    double mass(int body);

    /** Refuses a {@link #setMassScale} argument that is not {@value #GEOMS} positive, finite factors. */
    static void checkMassScale(double[] scale) {
        if (scale.length != GEOMS) {
            throw new IllegalArgumentException("mass scale: expected " + GEOMS + " factors, got " + scale.length);
        }
        for (int i = 0; i < GEOMS; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i])) {
                throw new IllegalArgumentException("mass scale of body " + i + ": " + scale[i]
                        + " must be positive and finite");
            }
        }
    }

    /** Most ground contacts one geom can report. */
    int maxContactsPerGeom();

    /** Ground contacts per geom ({@value #GEOMS} counts) of the last substep into {@code out}. */
    void readContacts(int[] out);

    /** Restores a {@link #readContacts}; a count outside {@code 0..maxContactsPerGeom()} is refused. */
    void writeContacts(int[] in);

    /** Readouts of the last {@link #step} ({@value #READOUT_DOUBLES} doubles) into {@code out[o..]}. */
    default void readReadouts(double[] out, int o) {
        actuators().read(out, o);
    }

    /** Restores a {@link #readReadouts} exactly. */
    default void writeReadouts(double[] in, int o) {
        actuators().write(in, o);
    }

    /** True if the engine state holds no NaN or infinity. */
    boolean isFinite();

    @Override
    void close();
}
