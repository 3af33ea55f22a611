package dev.ampj.ops.serve;

import dev.ampj.storage.RunStore;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.telemetry.TelemetryBatch;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One env's live motion: a {@code frame} message per control step from the run's telemetry (task
 * reward, discriminator score, style reward, episode, done) with the env's stick figure decoded
 * from its AMP state and the nearest reference frame's stick figure. A {@code robot} message first
 * says whether the run can be drawn. While catching up only the last {@link #BACKLOG_FRAMES}
 * frames are sent.
 */
final class EnvFeed implements Feed {

    static final int BACKLOG_FRAMES = 250;
    static final int BATCHES_PER_ROUND = 512;

    private final RunStore store;
    private final String run;
    private final int env;
    private final long pollMillis;
    private final Function<RunDirectory, RunContext> contexts;

    /** {@code contexts} gives a run's drawing context (cached by the caller: loading reference motion takes a while). */
    EnvFeed(RunStore store, String run, int env, long pollMillis, Function<RunDirectory, RunContext> contexts) {
        if (env < 0) {
            throw new IllegalArgumentException("env ids are non-negative, got " + env);
        }
        this.store = store;
        this.run = RunDirectory.requireValidName(run);
        this.env = env;
        this.pollMillis = pollMillis;
        this.contexts = contexts;
    }

    /** Reads a run's context from its log's RunCreated. */
    static RunContext readContext(RunDirectory dir) {
        try (RunLogReader log = RunLogReader.open(dir)) {
            return RunContext.of(log.runCreated());
        }
    }

    @Override
    public void run(Sink sink, BooleanSupplier stopped) throws InterruptedException {
        RunDirectory dir = store.directory(run);
        while (!Files.isDirectory(dir.events())) {
            if (stopped.getAsBoolean()) {
                return;
            }
            Thread.sleep(pollMillis);
        }
        RunContext context = contexts.apply(dir);
        sink.send("robot", Json.object().num("env", env).bool("drawable", context.decoder() != null)
                .str("reason", context.unavailable()).end());
        ArrayDeque<Pending> backlog = new ArrayDeque<>(); // decoded only if still among the last frames at the end
        boolean catchingUp = true;
        try (TelemetryTail telemetry = new TelemetryTail(store, run)) {
            while (!stopped.getAsBoolean()) {
                boolean any = false;
                for (int i = 0; i < BATCHES_PER_ROUND; i++) {
                    Optional<TelemetryBatch> next = telemetry.next();
                    if (next.isEmpty()) {
                        break;
                    }
                    any = true;
                    TelemetryBatch b = next.get();
                    int row = rowOf(b);
                    if (row < 0) {
                        continue;
                    }
                    if (catchingUp) {
                        backlog.addLast(new Pending(b, row));
                        if (backlog.size() > BACKLOG_FRAMES) {
                            backlog.removeFirst();
                        }
                    } else {
                        sink.send("frame", frameJson(b, row, context));
                    }
                }
                if (any) {
                    continue;
                }
                if (catchingUp) {
                    catchingUp = false;
                    for (Pending p : backlog) {
                        sink.send("frame", frameJson(p.batch(), p.row(), context));
                    }
                    backlog.clear();
                }
                Thread.sleep(pollMillis);
                telemetry.refresh();
            }
        }
    }

    private int rowOf(TelemetryBatch b) {
        int[] ids = b.envIds(); // a shard's contiguous block
        if (ids.length == 0 || env < ids[0] || env > ids[ids.length - 1]) {
            return -1;
        }
        int row = env - ids[0];
        return ids[row] == env ? row : -1;
    }

    private record Pending(TelemetryBatch batch, int row) {}

    private static String frameJson(TelemetryBatch b, int row, RunContext context) {
        float[] state = new float[b.ampDim()];
        b.ampState(row, state);
        Json j = Json.object().num("iteration", b.iteration()).num("step", b.step()).num("episode", b.episodeIds()[row])
                .num("task_reward", b.taskReward()[row]).num("style_reward", b.styleReward()[row])
                .num("discriminator_score", b.discriminatorScore()[row]).bool("done", b.done()[row]);
        if (context.decoder() != null && state.length > 0) {
            double[] pose = context.decoder().pose(state, 0);
            j.nums("pose", OstrichPose.points(pose));
            if (context.reference() != null) {
                ReferencePoses.Match m = context.reference().nearest(pose);
                j.raw("reference", Json.object().str("clip", m.clip()).num("frame", m.frame())
                        .nums("pose", OstrichPose.points(m.pose())).end());
            }
        }
        return j.end();
    }
}
