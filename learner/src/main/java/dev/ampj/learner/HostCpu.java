package dev.ampj.learner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU model the learner's kernels run on. Pinned kernels ({@link CpuKernels}) make a run repeat
 * bit for bit on one CPU model; on another (an AMD and an Intel host, measured) libtorch's GEMMs
 * round differently, so runs record it: a resume, fork or replay on another model is told why
 * re-executed digests may not match. It is advisory, not a refusal: a run may move hosts on purpose.
 */
public final class HostCpu {

    /** Name under which runs record {@link #model()}. */
    public static final String KEY = "cpu-model";

    private HostCpu() {}

    /** The first {@code model name} of /proc/cpuinfo; elsewhere {@code unknown (<os.arch>)}. Read once per process. */
    public static String model() {
        return Model.NAME;
    }

    private static final class Model {
        static final String NAME = model(Path.of("/proc/cpuinfo"));
    }

    static String model(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                    String name = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                    if (!name.isEmpty()) {
                        return name;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (macOS, Windows) or unreadable: fall through
        }
        return "unknown (" + System.getProperty("os.arch") + ")";
    }
}
