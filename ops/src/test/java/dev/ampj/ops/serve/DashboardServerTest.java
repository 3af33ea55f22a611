package dev.ampj.ops.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.ops.CliRun;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard serves only reads, only on loopback unless told otherwise, and its page and bundled chart library. */
class DashboardServerTest {

    @TempDir
    Path runs;

    private DashboardServer start() {
        return DashboardServer.start(new RunStore(StorageSettings.defaults(runs)),
                new DashboardServer.Settings("127.0.0.1", 0, false, 50));
    }

    @Test
    void refusesEveryWrite() throws Exception {
        try (DashboardServer server = start()) {
            String base = "http://127.0.0.1:" + server.port();
            for (String path : new String[] {"/", "/metrics", "/api/runs", "/api/runs/x/stream", "/nothing-here"}) {
                for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
                    HttpResponse<String> r = Http.send(method, base + path);
                    assertEquals(405, r.statusCode(), method + " " + path);
                    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""), method + " " + path);
                }
            }
        }
    }

    @Test
    void servesThePageTheBundledChartLibraryAndTheRunList() throws Exception {
        try (DashboardServer server = start()) {
            String base = "http://127.0.0.1:" + server.port();
            assertTrue(Http.get(base + "/").contains("<title>amp dashboard</title>"));
            assertTrue(Http.get(base + "/static/vendor/uplot-1.6.32/uPlot.iife.min.js").contains("uPlot"));
            assertTrue(Http.get(base + "/static/dashboard.js").contains("EventSource"));
            assertEquals("[]", Http.get(base + "/api/runs"));
            assertEquals(404, Http.send("GET", base + "/api/runs/nope/stream").statusCode());
            assertEquals(400, Http.send("GET", base + "/api/runs/..%2Fetc/stream").statusCode());
        }
    }

    @Test
    void refusesANonLoopbackBindUnlessAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DashboardServer.requireAllowed("0.0.0.0", false));
        assertEquals("--bind 0.0.0.0 is not a loopback address: the dashboard has no authentication; add --allow-remote"
                + " to serve it beyond this machine", e.getMessage());
        assertTrue(DashboardServer.requireAllowed("0.0.0.0", true).isAnyLocalAddress());
        assertTrue(DashboardServer.requireAllowed("::1", false).isLoopbackAddress());
    }

    @Test
    void theCommandLineSaysSoInOneLineWithExitCodeTwo() {
        String[] r = CliRun.run("serve", "--bind", "0.0.0.0", "--port", "0", "--runs-dir", runs.toString());
        assertEquals("2", r[0], r[2]);
        assertEquals("amp serve: --bind 0.0.0.0 is not a loopback address: the dashboard has no authentication;"
                + " add --allow-remote to serve it beyond this machine", r[2].strip());
    }
}
