package dev.ampj.ops.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.run.RunOutcome;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real short ostrich training watched through the dashboard server: Prometheus scrapes during
 * the run parse and hold the run's series (the run is then stopped), and afterwards the scrape
 * holds its final figures and the server-sent event streams replay its curves, heat-map rows and
 * an env's posed frames.
 */
class LiveMetricsAndEventsTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");
    /** More than the test needs: it stops the run once a scrape has seen it live. */
    private static final int ITERATIONS = 300;

    @TempDir
    Path runs;

    /** Every sample line of a text exposition as "name{labels}" → value; any other non-comment line fails. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> series = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a Prometheus sample line: " + line);
            series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return series;
    }

    @Test
    void scrapesDuringARunAndEventStreamsAfterIt() throws Exception {
        LiveRun run = LiveRun.start(runs, "m", ITERATIONS);
        try (DashboardServer server = DashboardServer.start(new RunStore(StorageSettings.defaults(runs)),
                new DashboardServer.Settings("127.0.0.1", 0, false, 50))) {
            String base = "http://127.0.0.1:" + server.port();
            boolean seenLive = false;
            while (run.running()) {
                Map<String, Double> s = parse(Http.get(base + "/metrics"));
                if (s.getOrDefault("amp_iterations_total{run=\"m\"}", 0.0) >= 1
                        && s.getOrDefault("amp_run_status{run=\"m\",status=\"running\"}", 0.0) == 1.0) {
                    seenLive = true;
                    assertTrue(s.containsKey("amp_style_reward{run=\"m\"}"), s.toString());
                    assertTrue(s.containsKey("amp_discriminator_accuracy{run=\"m\"}"), s.toString());
                    run.requestStop();
                    break;
                }
                Thread.sleep(20);
            }
            RunOutcome outcome = run.await();
            assertTrue(seenLive, "no scrape saw the run running with a committed iteration");
            assertEquals(RunOutcome.Kind.STOPPED, outcome.kind(), outcome.message());
            long committed;
            try (RunLogReader log = RunLogReader.open(RunDirectory.of(runs, "m"))) {
                committed = log.lastCommitted().orElseThrow().iteration();
            }

            String text = Http.get(base + "/metrics");
            assertTrue(text.contains("# TYPE amp_env_steps_total counter"), text);
            assertTrue(text.contains("# TYPE amp_iteration_seconds gauge"), text);
            Map<String, Double> s = parse(text);
            assertEquals(committed, s.get("amp_iterations_total{run=\"m\"}"));
            assertEquals(committed * LiveRun.ENVS * LiveRun.HORIZON, s.get("amp_env_steps_total{run=\"m\"}"));
            assertEquals(1.0, s.get("amp_run_status{run=\"m\",status=\"stopped\"}"), s.toString());
            assertTrue(s.get("amp_iteration_seconds{run=\"m\"}") > 0);
            assertTrue(s.get("amp_stage_seconds{run=\"m\",stage=\"rollout\"}") > 0);
            double accuracy = s.get("amp_discriminator_accuracy{run=\"m\"}");
            assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
            assertTrue(Double.isFinite(s.get("amp_task_reward{run=\"m\"}")));
            assertTrue(s.get("amp_learning_rate{run=\"m\"}") > 0);

            List<Http.Event> curves = Http.events(base + "/api/runs/m/stream",
                    e -> e.stream().filter(x -> x.type().equals("iteration")).count() == committed
                            && e.stream().anyMatch(x -> x.type().equals("heat")),
                    Duration.ofSeconds(60));
            List<Http.Event> iterations = curves.stream().filter(e -> e.type().equals("iteration")).toList();
            assertEquals(committed, iterations.size());
            Http.Event last = iterations.get(iterations.size() - 1);
            assertTrue(last.data().startsWith("{\"iteration\":" + committed + ","), last.data());
            assertTrue(last.data().contains("\"style_reward\":"), last.data());
            assertEquals("created", curves.get(0).type());
            Http.Event heat = curves.stream().filter(e -> e.type().equals("heat")).findFirst().orElseThrow();
            assertTrue(heat.data().contains("\"envs\":[0,1,2,3,4,5]"), heat.data());

            List<Http.Event> motion = Http.events(base + "/api/runs/m/envs/4/stream",
                    e -> e.stream().filter(x -> x.type().equals("frame")).count() >= 20, Duration.ofSeconds(60));
            assertEquals("robot", motion.get(0).type());
            assertTrue(motion.get(0).data().contains("\"drawable\":true"), motion.get(0).data());
            Http.Event frame = motion.get(motion.size() - 1);
            assertEquals("frame", frame.type());
            assertTrue(frame.data().contains("\"pose\":["), frame.data());
            assertTrue(frame.data().contains("\"reference\":{\"clip\":\"classpath:motions/"), frame.data());
            assertFalse(frame.data().contains("null,null"), frame.data());
        }
    }
}
