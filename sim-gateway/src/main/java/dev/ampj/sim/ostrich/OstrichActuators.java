package dev.ampj.sim.ostrich;

/**
 * The ostrich's joint actuators, the same in every engine: a PD position controller per joint with
 * a torque limit, evaluated at every physics substep, plus the joint limits as stiff one-sided
 * springs. Keeps the readouts of the last control step (torque per joint, substep means of Σ τ²
 * and Σ |τ q̇|).
 *
 * <p>Why limits as penalty torques and not as engine constraints: with ground contacts, ode4j
 * 0.5.3's hinge stops made its dense LCP inject energy (a limp robot collapsing onto its folded
 * legs gained ~750 J in one 5 ms step); springs behave alike in every engine and add no LCP rows.
 */
public final class OstrichActuators {

    /** Size of {@link #read}: torque per joint (6), mean Σ τ², mean power. */
    public static final int READOUT_DOUBLES = 8;

    private final double[] kp = new double[6];
    private final double[] kd = new double[6];
    private final double[] torqueLimit = new double[6];
    private final double[] torque = new double[6];
    private double tsq;
    private double pw;
    private double torqueSq;
    private double power;

    /** Gains and limits per leg joint [hip, knee, ankle], used for both legs. */
    public OstrichActuators(double[] legKp, double[] legKd, double[] legTorqueLimit) {
        for (int j = 0; j < 6; j++) {
            kp[j] = legKp[j % 3];
            kd[j] = legKd[j % 3];
            torqueLimit[j] = legTorqueLimit[j % 3];
        }
    }

    /** Starts a control step's accumulation of the readouts. */
    public void begin() {
        tsq = 0;
        pw = 0;
    }

    /**
     * Torque to apply to joint {@code j} in this substep: the clamped PD torque towards
     * {@code target} (recorded as the joint's torque) plus the limit spring.
     */
    public double torque(int j, double target, double q, double qd) {
        double tau = kp[j] * (target - q) - kd[j] * qd;
        double lim = torqueLimit[j];
        tau = tau > lim ? lim : (tau < -lim ? -lim : tau);
        torque[j] = tau;
        tsq += tau * tau;
        pw += Math.abs(tau * qd);
        return tau + limitTorque(j, q, qd);
    }

    /** Ends a control step of {@code substeps} substeps. */
    public void end(int substeps) {
        torqueSq = tsq / substeps;
        power = pw / substeps;
    }

    private static double limitTorque(int j, double q, double qd) {
        int k = j % 3;
        double lo = OstrichGeometry.JOINT_LO[j];
        double hi = OstrichGeometry.JOINT_HI[j];
        if (q < lo) {
            return OstrichGeometry.LIMIT_STIFFNESS[k] * (lo - q) - (qd < 0 ? OstrichGeometry.LIMIT_DAMPING[k] * qd : 0);
        }
        if (q > hi) {
            return OstrichGeometry.LIMIT_STIFFNESS[k] * (hi - q) - (qd > 0 ? OstrichGeometry.LIMIT_DAMPING[k] * qd : 0);
        }
        return 0;
    }

    /** Substep average of Σ τ² in the last control step. */
    public double meanTorqueSq() {
        return torqueSq;
    }

    /** Substep average of Σ |τ q̇| (W) in the last control step. */
    public double meanPower() {
        return power;
    }

    /** PD torque of joint {@code j} in the last substep. */
    public double torque(int j) {
        return torque[j];
    }

    /** The readouts ({@value #READOUT_DOUBLES} doubles) into {@code out[o..]}. */
    public void read(double[] out, int o) {
        System.arraycopy(torque, 0, out, o, 6);
        out[o + 6] = torqueSq;
        out[o + 7] = power;
    }

    /** Restores a {@link #read} exactly. */
    public void write(double[] in, int o) {
        System.arraycopy(in, o, torque, 0, 6);
        torqueSq = in[o + 6];
        power = in[o + 7];
    }
}
