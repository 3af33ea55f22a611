package dev.ampj.sim.env;

import com.typesafe.config.Config;
import java.util.List;

/**
 * Domain randomization ({@code amp.sim.randomization}), Isaac Lab's locomotion events: ground
 * friction ({@code physics_material}) and link mass scales ({@code add_base_mass} /
 * {@code randomize_rigid_body_mass}) drawn at every reset, and pushes ({@code push_robot},
 * {@code push_by_setting_velocity}) every [a, b] seconds. An empty range is off; all are off by default.
 *
 * @param friction   [min, max] of the ground friction coefficient, drawn per episode; empty: the robot's own
 * @param massScale  [min, max] of a factor on each link's mass and inertia, drawn per env, episode and link; empty: off
 * @param pushInterval [min, max] seconds between pushes (from the episode start); empty: no pushes
 * @param pushLinVelX  [min, max] of the forward velocity change of a push (m/s)
 * @param pushLinVelY  [min, max] of the sideways velocity change of a push (m/s; needs a robot free in 3D)
 */
public record RandomizationSettings(List<Double> friction, List<Double> massScale, List<Double> pushInterval,
        List<Double> pushLinVelX, List<Double> pushLinVelY) {

    static final List<String> KEYS = List.of("friction", "mass-scale", "push");
    static final List<String> PUSH_KEYS = List.of("interval-s", "lin-vel-x", "lin-vel-y");

    public RandomizationSettings {
        friction = List.copyOf(friction);
        massScale = List.copyOf(massScale);
        pushInterval = List.copyOf(pushInterval);
        pushLinVelX = List.copyOf(pushLinVelX);
        pushLinVelY = List.copyOf(pushLinVelY);
    }

    /** Nothing is randomized (the push velocities are then unused). */
    public boolean off() {
        return !frictionOn() && !massScaleOn() && !pushOn();
    }

    public boolean frictionOn() {
        return !friction.isEmpty();
    }

    public boolean massScaleOn() {
        return !massScale.isEmpty();
    }

    public boolean pushOn() {
        return !pushInterval.isEmpty();
    }

    /** Reads the section {@code c} at {@code path}; {@code planar} robots cannot be pushed sideways. */
    static RandomizationSettings read(Config c, String path, boolean planar) {
        ConfigKeys.requireOnly(c, path, KEYS);
        List<Double> friction = range(c, path, "friction", 0, false);
        List<Double> mass = range(c, path, "mass-scale", 0, true);
        String pp = path + ".push";
        Config pc = ConfigKeys.section(c, path, "push");
        ConfigKeys.requireOnly(pc, pp, PUSH_KEYS);
        List<Double> interval = range(pc, pp, "interval-s", 0, true);
        List<Double> vx = range(pc, pp, "lin-vel-x", Double.NEGATIVE_INFINITY, false);
        List<Double> vy = range(pc, pp, "lin-vel-y", Double.NEGATIVE_INFINITY, false);
        if (vx.isEmpty() || vy.isEmpty()) {
            throw new IllegalArgumentException(pp + ".lin-vel-x and .lin-vel-y: expected [min, max] (use [0, 0] for none)");
        }
        if (planar && (vy.get(0) != 0 || vy.get(1) != 0)) {
            throw new IllegalArgumentException(pp + ".lin-vel-y = " + vy + ": a planar robot (amp.sim.planar = true)"
                    + " cannot move sideways; use [0, 0] or amp.sim.planar = false");
        }
        return new RandomizationSettings(friction, mass, interval, vx, vy);
    }

    /**
     * An empty list or {@code [min, max]} with {@code floor <= min <= max} ({@code floor} excluded
     * when {@code strict}).
     */
    private static List<Double> range(Config c, String path, String key, double floor, boolean strict) {
        List<Double> v;
        try {
            v = c.getDoubleList(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
        if (v.isEmpty()) {
            return List.of();
        }
        v = ConfigKeys.numbers(c, path, key, 2);
        double lo = v.get(0);
        if (lo > v.get(1) || lo < floor || (strict && lo == floor)) {
            throw new IllegalArgumentException(path + "." + key + " = " + v + ": expected [] (off) or [min, max] with "
                    + (floor == Double.NEGATIVE_INFINITY ? "" : floor + (strict ? " < " : " <= ")) + "min <= max");
        }
        return v;
    }
}
