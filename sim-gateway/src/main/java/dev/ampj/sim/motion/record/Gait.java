package dev.ampj.sim.motion.record;

import dev.ampj.sim.env.SimSettings;
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
 * <p>The parameters are per engine ({@link #named(String, String)}): the limit cycle a set settles
 * on depends on the contact model and integrator, and the ode4j sets do not hold a steady gait on
 * the reduced engine. Both sets came from random searches (docs/notes/gait-search.md).
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
     * A normal walk tuned on ode4j: 0.34 s in state A, swing knee lifted to ~1.06 rad, torso nearly
     * upright (0.05 rad + 0.06 rad per m/s of lean), toe pointed slightly down in swing. Holds and
     * tracks 0.6 to 1.0 m/s for at least 60 s on ode4j (on the reduced engine it does not: 0.77 m/s
     * at 0.6, a fall after ~44 s at 1.0).
     */
    public static final Gait WALK_ODE4J = new Gait("walk", 0.335, 0.681, 1.056, -0.689, 0.556, 0.126, -0.454, 0.053, 0.19, 0.243, 0.06);
    /**
     * A high-knee march tuned on ode4j: the swing thigh is raised 1.0 rad forward (the knee near hip
     * height) with the shin folded 2.0 rad under it, toe pointed down, stance knee bent 0.66 rad,
     * torso leaning slightly back. Holds and tracks 0.3 to 0.6 m/s for at least 60 s on ode4j (on
     * the reduced engine its step lengths scatter and it falls after 7 s at 0.6 m/s).
     */
    public static final Gait MARCH_ODE4J = new Gait("march", 0.3, 1.0, 2.018, -0.144, -0.062, 0.657, -0.554, -0.15, 0.305, 0.439, -0.03);
    /**
     * The walk re-tuned on the reduced engine (random search around {@link #WALK_ODE4J}): the same
     * cadence (~2.75 steps/s), knee lift (~1.07 rad) and swing thigh (~0.68 rad forward), the torso
     * leaning ~0.05 rad more (0.10 rad + 0.056 rad per m/s), the toe less pointed. Holds 0.5 to
     * 1.0 m/s for at least 60 s on the reduced engine with regular steps (0.95 m/s at 1.0).
     */
    public static final Gait WALK_REDUCED = new Gait("walk", 0.316, 0.698, 1.060, -0.737, 0.463, 0.173, -0.296, 0.104, 0.202, 0.239, 0.056);
    /**
     * The march re-tuned on the reduced engine (random search around {@link #MARCH_ODE4J}): the same
     * thigh raise (~0.95 rad) and shin fold (~2.15 rad), stance knee bent more (0.81 rad), torso
     * leaning back less (~0.1 rad), quicker steps (state A 0.24 s: ~3.4 steps/s against ode4j's
     * 2.8, so shorter ones). Holds 0.2 to 0.7 m/s for at least 60 s on the reduced engine with
     * regular steps, tracking to 0.6 (0.64 m/s at 0.7).
     */
    public static final Gait MARCH_REDUCED = new Gait("march", 0.237, 1.021, 2.030, -0.148, -0.078, 0.811, -0.534, -0.074, 0.350, 0.320, -0.018);

    /** The gaits tuned for {@code engine} ({@code amp.sim.engine}: reduced or ode4j), walk first. */
    public static List<Gait> forEngine(String engine) {
        return switch (engine) {
            case SimSettings.ENGINE_REDUCED -> List.of(WALK_REDUCED, MARCH_REDUCED);
            case SimSettings.ENGINE_ODE4J -> List.of(WALK_ODE4J, MARCH_ODE4J);
            default -> throw new IllegalArgumentException("engine '" + engine + "': no gaits tuned for it; known engines: " + SimSettings.ENGINES);
        };
    }

    /**
     * The gait named {@code name} with the parameters tuned for {@code engine}: SIMBICON parameters
     * do not carry over between engines. Unknown names fail with the known ones.
     */
    public static Gait named(String name, String engine) {
        List<Gait> gaits = forEngine(engine);
        for (Gait g : gaits) {
            if (g.name.equals(name.toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown gait '" + name + "'; known gaits: " + gaits.stream().map(Gait::name).toList());
    }
}
