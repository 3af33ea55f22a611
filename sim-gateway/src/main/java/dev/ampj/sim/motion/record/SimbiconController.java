package dev.ampj.sim.motion.record;

import dev.ampj.sim.terms.FrameMath;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * A SIMBICON-style walking controller for the planar ostrich (Yin, Loken, van de Panne 2007):
 * a finite-state machine alternating the stance leg; in each state the swing leg tracks target
 * angles, the swing hip in the <em>world</em> frame with balance feedback
 * θ_d = θ_0 + c_d·d + c_v·(v − v_cmd) (d: horizontal distance from the stance foot to the centre of
 * mass, v its velocity), and the stance hip holds the torso pitch: τ_stance = −τ_torso − τ_swing.
 *
 * <p>The robot applies PD torques τ = kp (target − q) − kd q̇ at every physics step; a desired
 * torque τ is realised exactly by the target q + (τ + kd q̇) / kp, so the controller computes
 * SIMBICON's torques and hands the robot targets. Call {@link #targets} before every physics step.
 * Joint order: left hip, knee, ankle, right hip, knee, ankle.
 */
public final class SimbiconController {

    /** Torso PD (N m / rad, N m s / rad) and swing-hip world PD, as in SIMBICON. */
    static final double TORSO_KP = 300;
    static final double TORSO_KD = 30;
    static final double SWING_HIP_KP = 300;
    static final double SWING_HIP_KD = 30;
    /** A touch-down counts only after this fraction of state A, so the lift-off contact is ignored. */
    static final double MIN_SWING = 0.5;
    /**
     * Ankle targets move at most this fast (rad/s): SIMBICON's targets jump at every state change,
     * and the light foot under a stiff PD would otherwise snap to them at 50+ rad/s. (Limiting the
     * knees too breaks the gaits: the swing knee must fold quickly.)
     */
    static final double MAX_TARGET_RATE = 15.0;

    private final Gait gait;
    private final double speed;
    private final double[] kp;
    private final double[] kd;
    private final double[] masses;
    private final int leftFoot;
    private final int rightFoot;

    private final double[] previous = new double[6];
    private boolean started;
    private int state;
    private double stateTime;
    private int steps;

    /**
     * @param kp, kd     the robot's PD gains per joint (6)
     * @param masses     body masses in frame order (for the centre of mass)
     * @param leftFoot   body index of the left foot
     * @param rightFoot  body index of the right foot
     */
    public SimbiconController(Gait gait, double speed, double[] kp, double[] kd, double[] masses, int leftFoot, int rightFoot) {
        this.gait = gait;
        this.speed = speed;
        this.kp = kp.clone();
        this.kd = kd.clone();
        this.masses = masses.clone();
        this.leftFoot = leftFoot;
        this.rightFoot = rightFoot;
    }

    /** 0, 1: left stance (A, B); 2, 3: right stance (A, B). */
    public int state() {
        return state;
    }

    /** Completed steps (stance changes). */
    public int steps() {
        return steps;
    }

    /**
     * Advances the state machine by {@code dt} and writes the six PD targets for the next physics
     * step from the current state {@code f} and the feet's ground contacts.
     */
    public void targets(KinematicFrame f, boolean leftContact, boolean rightContact, double dt, double[] out) {
        stateTime += dt;
        boolean leftStance = state < 2;
        if ((state == 0 || state == 2) && stateTime >= gait.stateDuration()) {
            state++;
            stateTime = 0;
        } else if ((state == 1 || state == 3) && (leftStance ? rightContact : leftContact)) {
            state = (state + 1) % 4;
            stateTime = 0;
            steps++;
            leftStance = state < 2;
        }
        boolean phaseA = state == 0 || state == 2;
        int st = leftStance ? 0 : 3; // first joint of the stance leg
        int sw = leftStance ? 3 : 0;
        int stFoot = leftStance ? leftFoot : rightFoot;

        double pitch = FrameMath.pitch(f.rootQuat, 0);
        double pitchRate = f.rootAngVel[1];
        double comX = 0;
        double comVx = 0;
        double total = 0;
        for (int b = 0; b < masses.length; b++) {
            comX += masses[b] * f.bodyPos[3 * b];
            comVx += masses[b] * f.bodyLinVel[3 * b];
            total += masses[b];
        }
        comX /= total;
        comVx /= total;
        double d = comX - f.bodyPos[3 * stFoot];

        // Swing hip: world-frame thigh angle with balance feedback (SIMBICON's sign: positive = forward).
        double swingForward = (phaseA ? gait.swingHipA() : gait.swingHipB()) + gait.cd() * d + gait.cv() * (comVx - speed);
        double thighWorld = pitch + f.jointPos[sw]; // positive = back
        double thighRate = pitchRate + f.jointVel[sw];
        double tauSwingHip = SWING_HIP_KP * (-swingForward - thighWorld) - SWING_HIP_KD * thighRate;
        // Torso: the stance hip supplies what the torso needs minus what the swing hip already exerts on it.
        double torsoTarget = gait.torsoPitch() + gait.speedLean() * speed;
        double tauTorso = TORSO_KP * (torsoTarget - pitch) - TORSO_KD * pitchRate;
        double tauStanceHip = -tauTorso - tauSwingHip;

        out[sw] = torqueTarget(sw, tauSwingHip, f);
        out[st] = torqueTarget(st, tauStanceHip, f);
        out[sw + 1] = phaseA ? gait.swingKneeA() : gait.swingKneeB();
        out[st + 1] = gait.stanceKnee();
        // Feet: the swing foot is held parallel to the ground (toe lifted a little), the stance ankle keeps the foot flat.
        out[sw + 2] = -(thighWorld + f.jointPos[sw + 1]) - gait.toeLift();
        out[st + 2] = -(pitch + f.jointPos[st] + f.jointPos[st + 1]);
        for (int j : new int[] {2, 5}) {
            if (started) {
                double step = MAX_TARGET_RATE * dt;
                out[j] = Math.max(previous[j] - step, Math.min(previous[j] + step, out[j]));
            }
            previous[j] = out[j];
        }
        started = true;
    }

    /** The PD target that makes the robot apply torque {@code tau} at joint {@code j} this step. */
    private double torqueTarget(int j, double tau, KinematicFrame f) {
        return f.jointPos[j] + (tau + kd[j] * f.jointVel[j]) / kp[j];
    }
}
