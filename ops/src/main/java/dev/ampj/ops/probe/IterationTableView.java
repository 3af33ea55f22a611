package dev.ampj.ops.probe;

import dev.ampj.storage.telemetry.TelemetryBatch;
import java.io.PrintWriter;

/** The default view: one table per iteration, printed once the next iteration's telemetry begins (or at the end). */
final class IterationTableView implements ProbeView {

    private final EnvFilter filter;
    private final EpisodeTracker episodes;
    private final PrintWriter out;
    private IterationProbe current;

    IterationTableView(EnvFilter filter, EpisodeTracker episodes, PrintWriter out) {
        this.filter = filter;
        this.episodes = episodes;
        this.out = out;
    }

    @Override
    public long accept(TelemetryBatch b) {
        if (current != null && b.iteration() != current.iteration()) {
            flush();
        }
        if (current == null) {
            current = new IterationProbe(b.iteration());
        }
        current.add(b, filter);
        long shown = 0;
        for (int i = 0; i < b.size(); i++) {
            if (filter.accepts(b.envIds()[i])) {
                episodes.add(b, i, s -> {});
                shown++;
            }
        }
        return shown;
    }

    @Override
    public void finish() {
        flush();
        out.flush();
    }

    private void flush() {
        if (current != null && !current.isEmpty()) {
            current.print(out, episodes);
        }
        current = null;
    }
}
