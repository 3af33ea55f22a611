package dev.ampj.learner.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.Fixtures;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save after k iterations, restore in a new JVM, continue: the digests equal the uninterrupted run's. */
class ForkedRestoreTest {

    @Test
    void restoreInAFreshJvmContinuesBitExactly(@TempDir Path dir) throws Exception {
        String expected;
        Path file = dir.resolve("learner.state");
        try (AmpLearner learner = AmpLearner.create(Fixtures.small(), Fixtures.DIMS, 5)) {
            for (int k = 0; k < 2; k++) {
                Fixtures.iterate(learner, k);
            }
            Files.write(file, learner.saveState());
            for (int k = 2; k < 4; k++) {
                Fixtures.iterate(learner, k);
            }
            expected = Fixtures.digests(learner);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(RestoreContinueMain.class.getName());
        cmd.add(file.toString());
        cmd.add("2");
        cmd.add("4");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the restoring JVM did not finish");
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        String line = out.lines().filter(l -> l.startsWith("DIGESTS ")).findFirst().orElse("none in: " + out);
        assertEquals("DIGESTS " + expected, line);
    }

}
