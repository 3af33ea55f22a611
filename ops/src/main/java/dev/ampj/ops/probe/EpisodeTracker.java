package dev.ampj.ops.probe;

import dev.ampj.storage.telemetry.TelemetryBatch;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-env episode sums from telemetry records, and each env's last {@code window} whole episodes.
 *
 * <p>An episode counts only when the probe saw all of it: it began at the run's first step, or
 * the probe saw the end of the env's previous episode. A probe started mid-run therefore skips
 * each env's episode in progress instead of reporting a short, wrong return.
 */
final class EpisodeTracker {

    /** The rolling means of an env's recent whole episodes. */
    record Rolling(int episodes, double length, double taskReturn, double styleReturn, double combinedReturn) {
        static final Rolling NONE = new Rolling(0, 0, 0, 0, 0);
    }

    private final int window;
    private final Map<Integer, Open> open = new HashMap<>(); // keyed look-up only, never iterated
    private final Map<Integer, ArrayDeque<EpisodeSummary>> recent = new HashMap<>();

    EpisodeTracker(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("episode window must be >= 1, got " + window);
        }
        this.window = window;
    }

    /** Adds record {@code i} of {@code b}; an episode it ends goes to {@code ended} (whole episodes only). */
    void add(TelemetryBatch b, int i, Consumer<EpisodeSummary> ended) {
        int env = b.envIds()[i];
        long episode = b.episodeIds()[i];
        Open o = open.get(env);
        if (o == null || o.episode != episode) {
            boolean whole = b.step() == 0 || (o != null && o.ended && episode == o.episode + 1);
            o = new Open(episode, whole);
            open.put(env, o);
        }
        if (o.ended) {
            return; // a record after its episode's end (never written by a run; ignored)
        }
        o.length++;
        o.task += b.taskReward()[i];
        o.style += b.styleReward()[i];
        o.combined += b.combinedReward()[i];
        if (b.done()[i]) {
            o.ended = true;
            if (o.whole) {
                EpisodeSummary s = new EpisodeSummary(env, episode, b.iteration(), o.length, o.task, o.style, o.combined);
                ArrayDeque<EpisodeSummary> q = recent.computeIfAbsent(env, k -> new ArrayDeque<>());
                if (q.size() == window) {
                    q.removeFirst();
                }
                q.addLast(s);
                ended.accept(s);
            }
        }
    }

    /** Means over the env's last {@code window} whole episodes ({@link Rolling#NONE} before the first). */
    Rolling rolling(int env) {
        ArrayDeque<EpisodeSummary> q = recent.get(env);
        if (q == null || q.isEmpty()) {
            return Rolling.NONE;
        }
        double len = 0;
        double task = 0;
        double style = 0;
        double combined = 0;
        for (EpisodeSummary s : q) { // oldest first: a fixed summation order
            len += s.length();
            task += s.taskReturn();
            style += s.styleReturn();
            combined += s.combinedReturn();
        }
        int n = q.size();
        return new Rolling(n, len / n, task / n, style / n, combined / n);
    }

    int window() {
        return window;
    }

    private static final class Open {
        final long episode;
        final boolean whole;
        boolean ended;
        int length;
        double task;
        double style;
        double combined;

        Open(long episode, boolean whole) {
            this.episode = episode;
            this.whole = whole;
        }
    }
}
