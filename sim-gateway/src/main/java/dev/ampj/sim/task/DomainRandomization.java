package dev.ampj.sim.task;

import dev.ampj.common.CounterRandom;
import dev.ampj.sim.env.RandomizationSettings;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichGeometry;
import java.util.List;

/**
 * The draws of {@code amp.sim.randomization}, each a pure function of (seed, purpose, env,
 * episode, counter): the episode's ground friction, and its push schedule (push {@code k} after
 * {@code interval_0 + .. + interval_k} seconds of the episode, with its own velocity change). A
 * restored env recomputes all of it from its episode and step, so none of it is snapshot state.
 * Stateless, shared by all envs.
 */
final class DomainRandomization {

    /** Random stream purposes (part of the determinism contract). */
    static final String FRICTION = "sim.randomization.friction";
    static final String PUSH = "sim.randomization.push";

    private final RandomizationSettings r;
    private final long seed;
    private final double controlDt;

    DomainRandomization(SimSettings s, long seed) {
        if (s.randomization().massScaleOn()) {
            // Both engines build their bodies' masses once (ReducedOstrich's chain is a shared
            // immutable model): a per-env, per-episode mass needs a per-env model, not built yet.
            throw new IllegalArgumentException(SimSettings.PATH + ".randomization.mass-scale = "
                    + s.randomization().massScale() + ": link mass randomization is not supported by the embedded"
                    + " ostrich engines yet (their link masses are fixed at construction); set it to []");
        }
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
