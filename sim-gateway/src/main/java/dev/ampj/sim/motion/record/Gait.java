package dev.ampj.sim.motion.record;

import java.util.List;
import java.util.Locale;

/**
 * Parameters of one SIMBICON gait (Yin, Loken, van de Panne 2007) for the planar ostrich. Angles in
 * rad with the ostrich's signs (positive hip swings the leg back, positive knee bends it); the
 * swing hip angle is in the world frame and positive forward, as in the paper.
 *
 * <p>Each step has two states: A (a fixed time {@code stateDuration} after the step starts) and B
 * (until the swing foot touches down).
 *
 * @param swingHipA      forward world angle of the swing thigh in state A (swh)
 * @param swingKneeA     swing knee bend in state A (swk): how high the foot is lifted
 * @param swingHipB      swing thigh world angle in state B
 * @param swingKneeB     swing knee in state B (extends for touch-down)
 * @param stanceKnee     stance knee bend (stk)
 * @param toeLift        swing foot pitch above parallel to the ground (rad, toe up)
 * @param torsoPitch     desired torso pitch in the world (positive leans forward)
 * @param cd             swing placement gain on the horizontal COM-to-stance-foot distance (c_d)
 * @param cv             swing placement gain on the COM velocity error (c_v)
 * @param speedLean      extra torso lean per m/s of commanded speed
 */
public record Gait(String name, double stateDuration, double swingHipA, double swingKneeA, double swingHipB, double swingKneeB,
        double stanceKnee, double toeLift, double torsoPitch, double cd, double cv, double speedLean) {

    /**
     * A normal walk: 0.34 s in state A, swing knee lifted to ~1.06 rad, torso nearly upright
     * (0.05 rad + 0.06 rad per m/s of lean), toe pointed slightly down in swing. Holds and tracks
     * 0.6 to 1.0 m/s for at least 60 s on this robot with ode4j
     * (on the reduced engine it does not: 0.77 m/s at 0.6, a fall after ~44 s at 1.0; see
     * {@link GaitRecorder}).
     */
    public static final Gait WALK = new Gait("walk", 0.335, 0.681, 1.056, -0.689, 0.556, 0.126, -0.454, 0.053, 0.19, 0.243, 0.06);
    /**
     * A high-knee march: the swing thigh is raised 1.0 rad forward (the knee near hip height) with
     * the shin folded 2.0 rad under it, toe pointed down, stance knee bent 0.66 rad, torso leaning
     * slightly back. Holds and tracks 0.3 to 0.6 m/s for at least 60 s with ode4j (on the reduced
     * engine its step lengths scatter and it falls after 7 s at 0.6 m/s; see {@link GaitRecorder}).
     */
    public static final Gait MARCH = new Gait("march", 0.3, 1.0, 2.018, -0.144, -0.062, 0.657, -0.554, -0.15, 0.305, 0.439, -0.03);

    public static final List<Gait> ALL = List.of(WALK, MARCH);

    /** The gait named {@code name}; unknown names fail with the known ones. */
    public static Gait named(String name) {
        for (Gait g : ALL) {
            if (g.name.equals(name.toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown gait '" + name + "'; known gaits: " + ALL.stream().map(Gait::name).toList());
    }
}
