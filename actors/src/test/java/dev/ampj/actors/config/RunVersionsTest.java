package dev.ampj.actors.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.testenv.PointMassComponents;
import dev.ampj.learner.HostCpu;
import dev.ampj.learner.config.LearnerSettings;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunVersionsTest {

    private static Map<String, String> current() {
        var config = ConfigFactory.defaultReference();
        return RunVersions.threads(new PointMassComponents().envs(config), LearnerSettings.fromConfig(config));
    }

    @Test
    void aRunRecordsTheLearnersResolvedDevice() {
        String device = current().get(RunVersions.LEARNER_DEVICE);
        assertTrue(device.equals("cpu") || device.startsWith("cuda:"), device);
    }

    @Test
    void aResumeRefusesAnotherDeviceAndAcceptsRunsRecordedBeforeDevicesWere() {
        Map<String, String> now = current();
        Map<String, String> onGpu = new TreeMap<>(now);
        onGpu.put(RunVersions.LEARNER_DEVICE, now.get(RunVersions.LEARNER_DEVICE).equals("cpu") ? "cuda:0" : "cpu");
        String diff = RunVersions.difference("native settings", RunVersions.withDefaults(onGpu), now);
        assertTrue(diff != null && diff.contains("learner-device: run has " + onGpu.get(RunVersions.LEARNER_DEVICE)), diff);

        Map<String, String> older = new TreeMap<>(now);
        older.remove(RunVersions.LEARNER_DEVICE);
        String cpuHere = now.get(RunVersions.LEARNER_DEVICE).equals("cpu") ? null : "differs";
        assertEquals(cpuHere == null, RunVersions.difference("native settings", RunVersions.withDefaults(older), now) == null);
        assertNull(RunVersions.difference("native settings", RunVersions.withDefaults(now), now));
    }

    @Test
    void runsRecordedBeforeTheLearnerNumericsRevisionAreRefusedByName() {
        Map<String, String> now = RunVersions.versions(new PointMassComponents().envs(ConfigFactory.defaultReference()));
        assertEquals(dev.ampj.learner.LearnerRevision.REVISION, now.get(dev.ampj.learner.LearnerRevision.KEY));
        Map<String, String> older = new TreeMap<>(now);
        older.remove(dev.ampj.learner.LearnerRevision.KEY);
        String diff = RunVersions.difference("engine/library versions", RunVersions.versionsWithDefaults(older), now);
        assertTrue(diff != null && diff.contains("learner-numerics: run has 1, this process 2"), diff);
        assertNull(RunVersions.difference("engine/library versions", RunVersions.versionsWithDefaults(now), now));
    }

    @Test
    void runsRecordTheirPinnedCpuKernelsAndRunsFromBeforeCountAsUnpinned() {
        Map<String, String> now = RunVersions.versions(new PointMassComponents().envs(ConfigFactory.defaultReference()));
        // the test JVMs are started as the launcher starts the platform (pom.xml: surefire's environment)
        assertEquals("mkl-cbwr=AVX2,aten=avx2", now.get(dev.ampj.learner.CpuKernels.KEY));
        Map<String, String> older = new TreeMap<>(now);
        older.remove(dev.ampj.learner.CpuKernels.KEY);
        String diff = RunVersions.difference("engine/library versions", RunVersions.versionsWithDefaults(older), now);
        assertTrue(diff != null && diff.contains("cpu-kernels: run has mkl-cbwr=unset,aten=unset, this process mkl-cbwr=AVX2,aten=avx2"),
                diff);
    }

    @Test
    void runsRecordTheCpuModelAndAnotherOneIsAnnouncedNotRefused() {
        Map<String, String> now = RunVersions.versions(new PointMassComponents().envs(ConfigFactory.defaultReference()));
        assertEquals(HostCpu.model(), now.get(HostCpu.KEY));
        Map<String, String> elsewhere = new TreeMap<>(now);
        elsewhere.put(HostCpu.KEY, "AMD EPYC 7B13 64-Core Processor");
        assertNull(RunVersions.difference("engine/library versions", RunVersions.versionsWithDefaults(elsewhere), now));

        String change = RunVersions.cpuChange("walk", elsewhere, "Intel(R) Xeon(R) Processor");
        assertTrue(change != null && change.startsWith("run walk was recorded on CPU 'AMD EPYC 7B13 64-Core Processor',"
                + " this host's is 'Intel(R) Xeon(R) Processor'") && change.contains("may not reproduce their recorded digests"),
                change);
        assertNull(RunVersions.cpuChange("walk", now, HostCpu.model()));
        Map<String, String> older = new TreeMap<>(now);
        older.remove(HostCpu.KEY);
        assertNull(RunVersions.cpuChange("walk", older, HostCpu.model()), "runs from before the key are not announced");
    }
}
