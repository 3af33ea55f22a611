package dev.ampj.ops.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.run.RunOutcome;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.log.RunDirectory;
import dev.ampj.storage.log.RunLogReader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard end to end in headless Chromium while a short real ostrich training runs: the run
 * list shows the run, the charts receive iterations live (pushed, while the run is still going),
 * the heat map fills, the chosen env's stick figure and its nearest reference frame are drawn on
 * their canvases. Saves a screenshot as {@code target/dashboard-e2e.png}.
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** More than the test waits for: it stops the run once it has seen what it needs. */
    private static final int ITERATIONS = 500;

    @TempDir
    Path runs;

    @TempDir
    Path profile;

    private static ChromeDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,2300");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static long count(ChromeDriver page, String field) {
        Object v = ((JavascriptExecutor) page).executeScript("return window.amp ? window.amp." + field + " : 0;");
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** Pixels of the canvas that are not transparent: > 0 once something is drawn on it. */
    private static long inked(ChromeDriver page, String canvasId) {
        Object v = ((JavascriptExecutor) page).executeScript(
                "const c = document.getElementById(arguments[0]); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;", canvasId);
        return ((Number) v).longValue();
    }

    private void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what + "; page counters " + counters());
            }
            Thread.sleep(100);
        }
    }

    private ChromeDriver page;

    private String counters() {
        return page == null ? "-" : String.valueOf(((JavascriptExecutor) page).executeScript("return JSON.stringify(window.amp);"));
    }

    private void screenshot(String name) throws java.io.IOException {
        File shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void showsARunLiveWithItsStickFigure() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver");
        LiveRun run = LiveRun.start(runs, "watched", ITERATIONS);
        LiveRun.awaitCreated(runs, "watched");
        try (DashboardServer server = DashboardServer.start(new RunStore(StorageSettings.defaults(runs)),
                new DashboardServer.Settings("127.0.0.1", 0, false, 50))) {
            page = browser(profile);
            page.get("http://127.0.0.1:" + server.port() + "/#run=watched");
            ChromeDriver p = page;
            await("the run list", () -> !p.findElements(By.cssSelector("tr.run[data-run='watched']")).isEmpty(), Duration.ofSeconds(60));

            await("a first iteration on the charts", () -> count(p, "iterations") >= 1, Duration.ofMinutes(4));
            long first = count(page, "iterations");
            await("a later iteration pushed while the run trains", () -> count(p, "iterations") > first, Duration.ofMinutes(4));
            assertTrue(run.running(), "the page received iterations only after the run had ended");

            await("a heat-map row", () -> count(p, "heatRows") >= 1, Duration.ofMinutes(1));
            await("stick figures drawn", () -> count(p, "drawnFrames") >= 10, Duration.ofMinutes(1));
            assertTrue(inked(page, "stick") > 200, "the policy's stick figure canvas is blank");
            assertTrue(inked(page, "reference") > 200, "the reference frame canvas is blank");
            assertTrue(inked(page, "heat") > 1000, "the heat map is blank");
            assertTrue(page.findElement(By.id("reference-caption")).getText().startsWith("nearest reference: ostrich_"),
                    page.findElement(By.id("reference-caption")).getText());

            run.requestStop();
            RunOutcome outcome = run.await();
            assertEquals(RunOutcome.Kind.STOPPED, outcome.kind(), outcome.message());
            long committed;
            try (RunLogReader log = RunLogReader.open(RunDirectory.of(runs, "watched"))) {
                committed = log.lastCommitted().orElseThrow().iteration();
            }
            await("every committed iteration on the charts", () -> count(p, "iterations") == committed, Duration.ofSeconds(60));
            await("the run's status from the live run list", () -> !p.findElement(By.id("run-status")).getText().equals("RUNNING"),
                    Duration.ofSeconds(60));
            assertEquals(0, ((Number) ((JavascriptExecutor) page).executeScript("return window.amp.errors.length;")).intValue());

            screenshot("dashboard-e2e.png");
            assertTrue(Files.size(Path.of("target", "dashboard-e2e.png")) > 10_000, "a blank screenshot");
        } catch (AssertionError e) {
            if (page != null) {
                screenshot("dashboard-e2e-failed.png");
            }
            throw e;
        } finally {
            if (page != null) {
                page.quit();
            }
            if (run.running()) {
                run.requestStop();
                run.await();
            }
        }
    }
}
