package dev.ampj.storage;

import dev.ampj.common.Digests;
import dev.ampj.storage.event.ForkPoint;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test events with realistic content. */
public final class Fixtures {

    private Fixtures() {}

    public static RunCreated created(String run) {
        return created(run, null);
    }

    public static RunCreated created(String run, ForkPoint fork) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("pytorch", "2.7.1");
        versions.put("djl", "0.35.1");
        versions.put("java", "17");
        return new RunCreated(run, "amp { learner { reward-coef = 2.0 } }", 42L, fork,
                fork == null ? "" : "amp.learner.reward-coef: 2.0 -> 1.5", versions,
                Map.of("torch.intra-op", "2", "torch.inter-op", "1"), "test-host", 100);
    }

    public static String digest(String seed) {
        return Digests.sha256Hex(seed.getBytes(StandardCharsets.UTF_8));
    }

    public static IterationCommitted committed(long iteration) {
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("surrogate_loss", -0.0125 * iteration);
        stats.put("value_loss", 0.5 / iteration);
        stats.put("amp_loss", 0.25);
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("collect", 812.5);
        timings.put("update", 301.25);
        return new IterationCommitted(iteration, iteration * 4096, digest("policy" + iteration), digest("disc" + iteration), stats, timings);
    }
}
