package dev.ampj.actors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.log.RunLogReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL at an arbitrary point, then resumed in this JVM, ends with
 * the same digests as a run that was never interrupted.
 */
class CrashResumeTest {

    @TempDir
    Path runs;

    /** The ostrich with Isaac Lab-style observation noise and history, and every domain randomization on. */
    static final String OSTRICH_NOISY = """
            amp.actors.training { num-envs = 4, horizon = 6 }
            amp.sim.observations.amp-history-length = 3
            amp.sim.observations.policy { history-length = 3, joint_pos_rel.noise = 0.01,
                                          joint_vel { noise = 1.5, noise-type = gaussian } }
            amp.sim.randomization { friction = [0.6, 1.2], mass-scale = [0.8, 1.2],
                                    push { interval-s = [0.05, 0.2], lin-vel-x = [-0.3, 0.3] } }
            """;

    static Trainer ostrichTrainer(Path runsDir) {
        return new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(runsDir)));
    }

    @Test
    void sigkilledRunResumesToTheUninterruptedDigests() throws Exception {
        crashResumeAndCompare(false);
    }

    /** The same with the ostrich: noise draws, stacked histories (the AMP window too), masses, friction and pushes continue exactly. */
    @Test
    void sigkilledOstrichWithNoiseHistoryAndRandomizationResumesExactly() throws Exception {
        crashResumeAndCompare(true);
    }

    private void crashResumeAndCompare(boolean ostrich) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrainChildMain.class.getName());
        cmd.add(runs.toString());
        cmd.add("crashed");
        cmd.add("40");
        if (ostrich) {
            cmd.add("ostrich");
        }
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(runs.resolve("child.log").toFile()).start();
        RunStore store = new RunStore(StorageSettings.defaults(runs));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (committed(store) < 2) {
            assertTrue(child.isAlive(), "child exited early; see " + runs.resolve("child.log"));
            assertTrue(System.nanoTime() < deadline, "child committed nothing in 120 s");
            Thread.sleep(20);
        }
        Thread.sleep(System.nanoTime() % 400); // an arbitrary point inside a later iteration
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        long last = committed(store);
        assertTrue(last < 40, "the child was killed before its target");
        long target = last + 2;

        TestRuns.Recorder resumed = new TestRuns.Recorder();
        Trainer trainer = ostrich ? ostrichTrainer(runs) : TestRuns.trainer(runs);
        RunOutcome o = trainer.resume("crashed", new Trainer.Options(target, null, resumed)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());

        TestRuns.Recorder straight = new TestRuns.Recorder();
        o = (ostrich ? ostrichTrainer(runs) : TestRuns.trainer(runs))
                .train(TestRuns.config(ostrich ? OSTRICH_NOISY : ""), "straight", new Trainer.Options(target, null, straight)).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());

        IterationCommitted a = resumed.committed.get(resumed.committed.size() - 1);
        IterationCommitted b = straight.committed.get(straight.committed.size() - 1);
        assertEquals(target, a.iteration());
        assertEquals(b.policyDigest(), a.policyDigest());
        assertEquals(b.discriminatorDigest(), a.discriminatorDigest());
        assertEquals(b.envSteps(), a.envSteps());
    }

    private static long committed(RunStore store) {
        if (!store.directory("crashed").exists()) {
            return 0;
        }
        try (RunLogReader r = store.openReader("crashed")) {
            return r.lastCommitted().map(IterationCommitted::iteration).orElse(0L);
        } catch (RuntimeException | AssertionError e) {
            // The child is creating the queue: Chronicle's own assertions (on under Surefire's -ea)
            // and its exceptions both say "not readable yet"; poll again.
            return 0;
        }
    }
}
