package dev.ampj.actors.transport;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EmbeddedMediaDriverTest {

    @Test
    void leftoversOfACrashedProcessAreDeletedOnStartAndTheDirectoryOnClose(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("amp-aeron");
        Files.createDirectories(dir);
        Path junk = dir.resolve("publications-of-a-killed-process.logbuffer");
        Files.write(junk, new byte[4096]);
        TransportSettings settings = TransportFixtures.settings(dir, "");
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(settings)) {
            assertEquals(dir.toAbsolutePath(), driver.directory());
            assertFalse(Files.exists(junk), "stale files are deleted on start");
            assertTrue(Files.exists(dir.resolve("cnc.dat")));
            assertTrue(driver.aeron().clientId() >= 0);
        }
        assertFalse(Files.exists(dir), "the driver directory is deleted on close");
    }

    @Test
    void aSigkilledProcesssDriverDirectoryIsTakenOverAndCleaned(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("node");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-D")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), DriverChild.class.getName(), dir.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // skip start-up logging
            }
            assertTrue(line != null, "child driver did not start");
        } finally {
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        assertTrue(Files.exists(dir.resolve("cnc.dat")), "the killed process left its driver directory behind");
        try (var files = Files.walk(dir)) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".logbuffer")), "including its publication log");
        }
        TransportSettings settings = TransportFixtures.settings(dir, "driver-timeout = 2s");
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(settings)) {
            try (var files = Files.walk(dir)) {
                assertFalse(files.anyMatch(f -> f.toString().endsWith(".logbuffer")), "the stale log buffers were deleted on start");
            }
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void aLiveDriversDirectoryIsRefusedNotDeleted(@TempDir Path tmp) {
        TransportSettings settings = TransportFixtures.settings(tmp.resolve("shared"), "driver-timeout = 2s");
        try (EmbeddedMediaDriver first = EmbeddedMediaDriver.launch(settings)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedMediaDriver.launch(settings));
            assertTrue(e.getMessage().contains("active Aeron media driver") && e.getMessage().contains("node-name"), e.getMessage());
            assertTrue(Files.exists(first.directory().resolve("cnc.dat")), "the live driver's files are untouched");
        }
    }

    @Test
    void defaultDirectoryIsStablePerNodeUnderDevShm() {
        String node = "test-" + ProcessHandle.current().pid();
        TransportSettings settings = TransportFixtures.settings(Path.of("unused"), "").withAeronDir(TransportSettings.defaultAeronDir(node));
        assertEquals(TransportSettings.defaultAeronDir(node), settings.aeronDir());
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(settings)) {
            if (Files.isDirectory(Path.of("/dev/shm"))) {
                assertTrue(driver.directory().startsWith("/dev/shm"), driver.directory().toString());
            }
            assertTrue(Files.isDirectory(driver.directory()));
        }
        assertFalse(Files.exists(TransportSettings.defaultAeronDir(node)));
    }
}
