package dev.ampj.ops.probe;

import dev.ampj.storage.telemetry.TelemetryBatch;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-environment AMP reward summary of one iteration, accumulated from telemetry batches:
 * steps, episodes ended, and mean task reward, discriminator score, style reward and combined
 * reward; beside them the env's recent whole episodes (mean length, task and style return) from
 * an {@link EpisodeTracker}. Display only: nothing here is digested.
 */
final class IterationProbe {

    private final long iteration;
    private final Map<Integer, EnvSums> byEnv = new TreeMap<>(); // ordered by env id

    IterationProbe(long iteration) {
        this.iteration = iteration;
    }

    long iteration() {
        return iteration;
    }

    boolean isEmpty() {
        return byEnv.isEmpty();
    }

    void add(TelemetryBatch b, EnvFilter filter) {
        for (int i = 0; i < b.size(); i++) {
            if (filter.accepts(b.envIds()[i])) {
                byEnv.computeIfAbsent(b.envIds()[i], k -> new EnvSums())
                        .add(b.taskReward()[i], b.discriminatorScore()[i], b.styleReward()[i], b.combinedReward()[i], b.done()[i]);
            }
        }
    }

    void print(PrintWriter out, EpisodeTracker episodes) {
        out.printf(Locale.ROOT, "iteration %d (ep_*: means of each env's last %d whole episodes)%n", iteration, episodes.window());
        out.printf(Locale.ROOT, "%6s %6s %5s %9s %9s %9s %9s %7s %9s %9s%n", "env", "steps", "eps", "task_r", "D_score", "style_r",
                "reward", "ep_len", "ep_task", "ep_style");
        EnvSums all = new EnvSums();
        for (Map.Entry<Integer, EnvSums> e : byEnv.entrySet()) {
            EnvSums s = e.getValue();
            row(out, Integer.toString(e.getKey()), s);
            out.println(episodeColumns(episodes.rolling(e.getKey())));
            all.merge(s);
        }
        if (byEnv.size() > 1) {
            row(out, "all", all);
            out.println();
        }
        out.flush();
    }

    private static void row(PrintWriter out, String env, EnvSums s) {
        out.printf(Locale.ROOT, "%6s %6d %5d %9.4f %9.4f %9.4f %9.4f", env, s.steps, s.episodesEnded,
                s.task / s.steps, s.score / s.steps, s.style / s.steps, s.combined / s.steps);
    }

    /** The rolling episode columns, or dashes before the env's first whole episode. */
    static String episodeColumns(EpisodeTracker.Rolling r) {
        if (r.episodes() == 0) {
            return String.format(Locale.ROOT, " %7s %9s %9s", "-", "-", "-");
        }
        return String.format(Locale.ROOT, " %7.1f %9.3f %9.3f", r.length(), r.taskReturn(), r.styleReturn());
    }

    private static final class EnvSums {
        long steps;
        long episodesEnded;
        double task;
        double score;
        double style;
        double combined;

        void add(float task, float score, float style, float combined, boolean done) {
            steps++;
            episodesEnded += done ? 1 : 0;
            this.task += task;
            this.score += score;
            this.style += style;
            this.combined += combined;
        }

        void merge(EnvSums o) {
            steps += o.steps;
            episodesEnded += o.episodesEnded;
            task += o.task;
            score += o.score;
            style += o.style;
            combined += o.combined;
        }
    }
}
