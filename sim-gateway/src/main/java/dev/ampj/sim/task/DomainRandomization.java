package dev.ampj.sim.task;

import dev.ampj.common.CounterRandom;
import dev.ampj.sim.env.RandomizationSettings;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichGeometry;
import java.util.List;

/**
 * The draws of {@code amp.sim.randomization}, each a pure function of (seed, purpose, env,
 * episode, counter): the episode's ground friction, its per-link mass factors (counter = link), and
 * its push schedule (push {@code k} after {@code interval_0 + .. + interval_k} seconds of the
 * episode, with its own velocity change). A restored env recomputes all of it from its episode and
 * step, so none of it is snapshot state.
 * Stateless, shared by all envs.
 */
final class DomainRandomization {

    /** Random stream purposes (part of the determinism contract). */
    static final String FRICTION = "sim.randomization.friction";
    static final String PUSH = "sim.randomization.push";
    static final String MASS_SCALE = "sim.randomization.mass-scale";

    private final RandomizationSettings r;
    private final long seed;
    private final double controlDt;

    DomainRandomization(SimSettings s, long seed) {
        this.r = s.randomization();
        this.seed = seed;
        this.controlDt = s.controlDt();
    }

    /** Ground friction coefficient of (env, episode) in {@code ids}. */
    double friction(long[] ids) {
        if (!r.frictionOn()) {
            return OstrichGeometry.FRICTION;
        }
        return lerp(r.friction(), CounterRandom.uniform(CounterRandom.key(seed, FRICTION, ids), 0));
    }

    boolean massScaleOn() {
        return r.massScaleOn();
    }

    /**
     * Mass factor of each link of (env, episode) in {@code ids} into {@code out} (one per link, link
     * {@code i} from counter {@code i}), as Isaac Lab's {@code randomize_rigid_body_mass} with
     * operation "scale"; all 1 when off.
     */
    void massScales(long[] ids, double[] out) {
        if (!r.massScaleOn()) {
            java.util.Arrays.fill(out, 1.0);
            return;
        }
        long key = CounterRandom.key(seed, MASS_SCALE, ids);
        for (int i = 0; i < out.length; i++) {
            out[i] = lerp(r.massScale(), CounterRandom.uniform(key, i));
        }
    }

    boolean pushes() {
        return r.pushOn();
    }

    /** The push stream of (env, episode) in {@code ids}. */
    long pushKey(long[] ids) {
        return r.pushOn() ? CounterRandom.key(seed, PUSH, ids) : 0;
    }

    /** Seconds per control step. */
    double controlDt() {
        return controlDt;
    }

    /** Seconds between push {@code k − 1} (or the episode start) and push {@code k}. */
    double interval(long key, int k) {
        return lerp(r.pushInterval(), CounterRandom.uniform(key, 3L * k));
    }

    /** Forward velocity change of push {@code k} (m/s). */
    double pushVx(long key, int k) {
        return lerp(r.pushLinVelX(), CounterRandom.uniform(key, 3L * k + 1));
    }

    /** Sideways velocity change of push {@code k} (m/s). */
    double pushVy(long key, int k) {
        return lerp(r.pushLinVelY(), CounterRandom.uniform(key, 3L * k + 2));
    }

    private static double lerp(List<Double> range, double u) {
        return range.get(0) + (range.get(1) - range.get(0)) * u;
    }
}
