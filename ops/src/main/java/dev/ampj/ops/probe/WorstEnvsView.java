package dev.ampj.ops.probe;

import dev.ampj.storage.telemetry.TelemetryBatch;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code --worst N}: the N envs with the lowest style reward over their last {@code --window}
 * steps, with their recent episodes, refreshed whenever the probe has caught up with the run (so
 * once per iteration while it trains: the run writes an iteration's telemetry after its commit).
 * On a terminal each refresh redraws the screen.
 */
final class WorstEnvsView implements ProbeView {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    private final String run;
    private final int n;
    private final EnvFilter filter;
    private final StyleWindow window;
    private final EpisodeTracker episodes;
    private final boolean json;
    private final boolean redraw;
    private final PrintWriter out;
    private TelemetryBatch latest;
    private boolean fresh;

    WorstEnvsView(String run, int n, EnvFilter filter, StyleWindow window, EpisodeTracker episodes, boolean json,
            boolean redraw, PrintWriter out) {
        if (n < 1) {
            throw new IllegalArgumentException("--worst must be >= 1, got " + n);
        }
        this.run = run;
        this.n = n;
        this.filter = filter;
        this.window = window;
        this.episodes = episodes;
        this.json = json;
        this.redraw = redraw && !json;
        this.out = out;
    }

    @Override
    public long accept(TelemetryBatch b) {
        long shown = 0;
        for (int i = 0; i < b.size(); i++) {
            if (filter.accepts(b.envIds()[i])) {
                window.add(b, i);
                episodes.add(b, i, s -> {});
                shown++;
            }
        }
        if (shown > 0) {
            latest = b;
            fresh = true;
        }
        return shown;
    }

    @Override
    public void caughtUp() {
        if (fresh) {
            print();
        }
    }

    @Override
    public void finish() {
        caughtUp();
        out.flush();
    }

    private void print() {
        fresh = false;
        List<StyleWindow.EnvMeans> worst = window.worst(n);
        if (json) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "{\"run\":\"%s\",\"iteration\":%d,\"step\":%d,\"window\":%d,\"envs\":%d,\"worst\":[", run,
                    latest.iteration(), latest.step(), window.steps(), window.envs()));
            for (int k = 0; k < worst.size(); k++) {
                StyleWindow.EnvMeans m = worst.get(k);
                EpisodeTracker.Rolling r = episodes.rolling(m.env());
                line.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"env\":%d,\"steps\":%d,\"style_reward\":%s,\"task_reward\":%s,\"discriminator_score\":%s,"
                                + "\"rolling_episodes\":%d,\"rolling_length\":%s,\"rolling_task_return\":%s,"
                                + "\"rolling_style_return\":%s}",
                        m.env(), m.steps(), Json.num(m.style()), Json.num(m.task()), Json.num(m.score()), r.episodes(),
                        Json.num(r.length()), Json.num(r.taskReturn()), Json.num(r.styleReturn())));
            }
            out.println(line.append("]}"));
            out.flush();
            return;
        }
        if (redraw) {
            out.print(CLEAR_SCREEN);
        }
        out.printf(Locale.ROOT, "%s iteration %d step %d: worst %d of %d envs by style reward over their last %d steps"
                + " (ep_*: last %d whole episodes)%n", run, latest.iteration(), latest.step(), worst.size(), window.envs(),
                window.steps(), episodes.window());
        out.printf(Locale.ROOT, "%4s %6s %6s %9s %9s %9s %7s %9s %9s%n", "rank", "env", "steps", "style_r", "task_r",
                "D_score", "ep_len", "ep_task", "ep_style");
        for (int k = 0; k < worst.size(); k++) {
            StyleWindow.EnvMeans m = worst.get(k);
            out.printf(Locale.ROOT, "%4d %6d %6d %9.4f %9.4f %9.4f", k + 1, m.env(), m.steps(), m.style(), m.task(), m.score());
            out.println(IterationProbe.episodeColumns(episodes.rolling(m.env())));
        }
        out.flush();
    }
}
