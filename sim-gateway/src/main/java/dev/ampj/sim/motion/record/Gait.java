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
     * A normal walk: short steps (0.21 s in state A), knee lifted to ~0.9 rad in swing, torso leaning
     * forward ~0.33 rad; tracks 0.6 to 1.0 m/s (slower and faster commands settle near 0.35 and 0.85). Tuned by random search on this robot and physics.
     */
    public static final Gait WALK = new Gait("walk", 0.21, 0.622, 0.919, -0.35, 0.439, 0.346, 0.035, 0.334, 0.262, 0.148, 0.22);
    /**
     * A high-knee march: the swing thigh is raised 0.85 rad forward and the knee folded to 1.43 rad
     * before the foot reaches forward; the stance knee stays bent (0.76 rad), a crouched gait.
     * Tracks 0.3 to 0.6 m/s.
     */
    public static final Gait MARCH = new Gait("march", 0.206, 0.85, 1.432, -0.161, -0.168, 0.758, -0.185, 0.142, 0.542, 0.381, 0.164);

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
