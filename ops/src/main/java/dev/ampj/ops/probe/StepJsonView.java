package dev.ampj.ops.probe;

import dev.ampj.storage.telemetry.TelemetryBatch;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code --json}: one JSON object per env per step (NDJSON), as the records arrive. */
final class StepJsonView implements ProbeView {

    private final String run;
    private final EnvFilter filter;
    private final PrintWriter out;

    StepJsonView(String run, EnvFilter filter, PrintWriter out) {
        this.run = run;
        this.filter = filter;
        this.out = out;
    }

    @Override
    public long accept(TelemetryBatch b) {
        long n = 0;
        for (int i = 0; i < b.size(); i++) {
            if (!filter.accepts(b.envIds()[i])) {
                continue;
            }
            out.printf(Locale.ROOT,
                    "{\"run\":\"%s\",\"iteration\":%d,\"step\":%d,\"env\":%d,\"episode\":%d,\"task_reward\":%s,"
                            + "\"discriminator_score\":%s,\"style_reward\":%s,\"reward\":%s,\"done\":%b}%n",
                    run, b.iteration(), b.step(), b.envIds()[i], b.episodeIds()[i], Json.num(b.taskReward()[i]),
                    Json.num(b.discriminatorScore()[i]), Json.num(b.styleReward()[i]), Json.num(b.combinedReward()[i]),
                    b.done()[i]);
            n++;
        }
        out.flush();
        return n;
    }

    @Override
    public void finish() {
        out.flush();
    }
}
