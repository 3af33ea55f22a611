package dev.ampj.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCpuTest {

    @Test
    void theModelIsTheFirstModelNameOfCpuinfo(@TempDir Path dir) throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel\t\t: 1\n"
                + "model name\t: AMD EPYC 7B13   64-Core Processor\nprocessor\t: 1\nmodel name\t: other\n");
        assertEquals("AMD EPYC 7B13 64-Core Processor", HostCpu.model(cpuinfo));
    }

    @Test
    void withoutCpuinfoTheModelIsUnknownAndNamesTheArchitecture(@TempDir Path dir) {
        assertEquals("unknown (" + System.getProperty("os.arch") + ")", HostCpu.model(dir.resolve("absent")));
    }

    @Test
    void thisHostHasAModel() {
        assertFalse(HostCpu.model().isBlank());
    }
}
