package dev.ampj.ops.probe;

import dev.ampj.storage.telemetry.TelemetryBatch;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --episodes}: one line (or JSON object) per whole episode as it ends: its length, return,
 * task and style return, and the env's rolling means over its last whole episodes.
 */
final class EpisodeView implements ProbeView {

    private final String run;
    private final EnvFilter filter;
    private final EpisodeTracker episodes;
    private final boolean json;
    private final PrintWriter out;
    private boolean headerPrinted;

    EpisodeView(String run, EnvFilter filter, EpisodeTracker episodes, boolean json, PrintWriter out) {
        this.run = run;
        this.filter = filter;
        this.episodes = episodes;
        this.json = json;
        this.out = out;
    }

    @Override
    public long accept(TelemetryBatch b) {
        long[] shown = {0};
        for (int i = 0; i < b.size(); i++) {
            if (filter.accepts(b.envIds()[i])) {
                episodes.add(b, i, s -> {
                    print(s, episodes.rolling(s.env()));
                    shown[0]++;
                });
            }
        }
        out.flush();
        return shown[0];
    }

    @Override
    public void finish() {
        out.flush();
    }

    private void print(EpisodeSummary s, EpisodeTracker.Rolling r) {
        if (json) {
            out.printf(Locale.ROOT,
                    "{\"run\":\"%s\",\"iteration\":%d,\"env\":%d,\"episode\":%d,\"length\":%d,\"return\":%s,"
                            + "\"task_return\":%s,\"style_return\":%s,\"rolling_episodes\":%d,\"rolling_length\":%s,"
                            + "\"rolling_task_return\":%s,\"rolling_style_return\":%s}%n",
                    run, s.iteration(), s.env(), s.episode(), s.length(), Json.num(s.combinedReturn()),
                    Json.num(s.taskReturn()), Json.num(s.styleReturn()), r.episodes(), Json.num(r.length()),
                    Json.num(r.taskReturn()), Json.num(r.styleReturn()));
            return;
        }
        if (!headerPrinted) {
            out.printf(Locale.ROOT, "whole episodes as they end (ep_*: means of the env's last %d)%n", episodes.window());
            out.printf(Locale.ROOT, "%9s %6s %8s %6s %9s %9s %9s %7s %9s %9s%n", "iteration", "env", "episode", "length",
                    "return", "task_ret", "style_ret", "ep_len", "ep_task", "ep_style");
            headerPrinted = true;
        }
        out.printf(Locale.ROOT, "%9d %6d %8d %6d %9.3f %9.3f %9.3f", s.iteration(), s.env(), s.episode(), s.length(),
                s.combinedReturn(), s.taskReturn(), s.styleReturn());
        out.println(IterationProbe.episodeColumns(r));
    }
}
