package dev.ampj.ops.serve;

import dev.ampj.ops.RunsCommand;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.registry.RunRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard's HTTP API, read-only: any method but GET and HEAD gets 405 on every path.
 * <pre>
 *   GET /                          the page (static files under /static/)
 *   GET /api/runs                  every run as {@code amp runs --json} prints it (status, iterations, lineage)
 *   GET /api/runs/stream           server-sent events of that list whenever it changes ({@link RunsFeed})
 *   GET /api/runs/RUN/stream       server-sent events of the run's curves ({@link RunFeed})
 *   GET /api/runs/RUN/envs/E/stream  server-sent events of env E's motion and rewards ({@link EnvFeed})
 *   GET /metrics                   Prometheus text exposition ({@link RunMetrics})
 * </pre>
 */
final class DashboardRoutes extends AllDirectives {

    static final String WEB = "dev/ampj/ops/serve/web/";
    /** How often the run list is re-read for its live feed. */
    static final long RUN_LIST_MILLIS = 1000;

    private final RunStore store;
    private final RunRegistry registry;
    private final long pollMillis;
    /** Reading the runs' logs blocks: never on the dispatcher that serves requests. */
    private final Executor blocking;
    private final PrometheusRegistry metrics = new PrometheusRegistry();
    private final PrometheusTextFormatWriter metricsFormat = PrometheusTextFormatWriter.create();
    /** Drawing contexts by run: reading a run's reference motion takes a while, and it never changes. */
    private final ConcurrentHashMap<String, RunContext> contexts = new ConcurrentHashMap<>();

    DashboardRoutes(RunStore store, long pollMillis, Executor blocking) {
        this.store = store;
        this.blocking = blocking;
        this.registry = store.registry();
        this.pollMillis = pollMillis;
        metrics.register(new RunMetrics(registry));
    }

    Route routes() {
        return extractMethod(m -> m.equals(HttpMethods.GET) || m.equals(HttpMethods.HEAD) ? readRoutes() : refuseWrite());
    }

    private Route readRoutes() {
        return concat(
                pathSingleSlash(() -> getFromResource(WEB + "index.html", ContentTypes.TEXT_HTML_UTF8)),
                pathPrefix("static", () -> getFromResourceDirectory(WEB)),
                path("metrics", () -> completeWithFuture(CompletableFuture.supplyAsync(this::metrics, blocking))),
                path(PathMatchers.segment("api").slash("runs"), () -> completeWithFuture(CompletableFuture.supplyAsync(
                        () -> HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
                                RunsCommand.toJson(registry.list(false)))), blocking))),
                path(PathMatchers.segment("api").slash("runs").slash("stream"), () -> completeOK(
                        SseFeeds.source(new RunsFeed(registry, RUN_LIST_MILLIS), "amp-serve-runs"), EventStreamMarshalling.toEventStream())),
                path(PathMatchers.segment("api").slash("runs").slash(PathMatchers.segment()).slash("stream"),
                        run -> stream(run, () -> new RunFeed(store, run, pollMillis), "amp-serve-run-" + run)),
                path(PathMatchers.segment("api").slash("runs").slash(PathMatchers.segment()).slash("envs")
                        .slash(PathMatchers.integerSegment()).slash("stream"),
                        (run, env) -> stream(run, () -> new EnvFeed(store, run, env, pollMillis,
                                dir -> contexts.computeIfAbsent(dir.name(), k -> EnvFeed.readContext(dir))),
                                "amp-serve-env-" + run + "-" + env)));
    }

    private Route stream(String run, Supplier<Feed> feed, String threadName) {
        try {
            RunDirectory.requireValidName(run);
        } catch (IllegalArgumentException e) {
            return complete(StatusCodes.BAD_REQUEST, e.getMessage() + "\n");
        }
        if (!store.directory(run).exists()) {
            return complete(StatusCodes.NOT_FOUND, "no run '" + run + "' under " + registry.runsDir().toAbsolutePath().normalize() + "\n");
        }
        Feed f;
        try {
            f = feed.get();
        } catch (IllegalArgumentException e) {
            return complete(StatusCodes.BAD_REQUEST, e.getMessage() + "\n");
        }
        return completeOK(SseFeeds.source(f, threadName), EventStreamMarshalling.toEventStream());
    }

    private HttpResponse metrics() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            metricsFormat.write(out, metrics.scrape());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.parse(metricsFormat.getContentType()),
                out.toByteArray()));
    }

    private Route refuseWrite() {
        return complete(HttpResponse.create().withStatus(StatusCodes.METHOD_NOT_ALLOWED)
                .addHeader(Allow.create(HttpMethods.GET, HttpMethods.HEAD))
                .withEntity("the dashboard is read-only: only GET and HEAD are served\n"));
    }
}
