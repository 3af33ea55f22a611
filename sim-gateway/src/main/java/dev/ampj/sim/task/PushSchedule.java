package dev.ampj.sim.task;

/**
 * One env's pushes in the current episode: push {@code k} lands at the control step nearest to
 * {@code interval_0 + .. + interval_k} seconds (at least one step after push {@code k − 1}), and
 * changes the robot's velocity by its drawn (Δv_x, Δv_y). Its state follows from (env, episode,
 * step), so a restore rebuilds it with {@link #seek}.
 */
final class PushSchedule {

    private final DomainRandomization dr;
    private long key;
    private int index;
    private int nextStep;
    private double seconds;

    PushSchedule(DomainRandomization dr) {
        this.dr = dr;
    }

    /** The schedule of a new episode, (env, episode) in {@code ids}. */
    void start(long[] ids) {
        key = dr.pushKey(ids);
        index = -1;
        nextStep = 0;
        seconds = 0;
        advance();
    }

    /** The schedule of (env, episode) after {@code step} control steps: the pushes still to come. */
    void seek(long[] ids, int step) {
        start(ids);
        while (dr.pushes() && nextStep <= step) {
            advance();
        }
    }

    /** True if a push lands after control step {@code step} of the episode (1 = after the first step). */
    boolean due(int step) {
        return dr.pushes() && step == nextStep;
    }

    /** Forward velocity change of the due push (m/s). */
    double vx() {
        return dr.pushVx(key, index);
    }

    /** Sideways velocity change of the due push (m/s). */
    double vy() {
        return dr.pushVy(key, index);
    }

    /** Moves on to the next push. */
    void advance() {
        if (!dr.pushes()) {
            return;
        }
        index++;
        seconds += dr.interval(key, index);
        nextStep = Math.max(nextStep + 1, (int) Math.round(seconds / dr.controlDt()));
    }
}
