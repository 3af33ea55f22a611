package dev.ampj.actors.config;

import ai.djl.engine.Engine;
import dev.ampj.learner.HostCpu;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.learner.config.LearnerSettings;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine and library versions and the native settings (thread counts, the learner's device) a run's numbers depend on
 * (DESIGN.md §4): recorded in RunCreated, and a resume refuses to continue under different ones.
 */
public final class RunVersions {

    private RunVersions() {}

    public static Map<String, String> versions(EnvFactory envs) {
        Map<String, String> v = new TreeMap<>(envs.versions());
        Engine torch = Engine.getEngine("PyTorch");
        v.put("djl", Engine.getDjlVersion());
        v.put("pytorch", torch.getVersion());
        v.put("java", Integer.toString(Runtime.version().feature()));
        v.put("os.arch", System.getProperty("os.arch"));
        v.put(dev.ampj.learner.LearnerRevision.KEY, dev.ampj.learner.LearnerRevision.REVISION);
        v.put(dev.ampj.learner.CpuKernels.KEY, dev.ampj.learner.CpuKernels.current());
        v.put(HostCpu.KEY, HostCpu.model());
        return v;
    }

    public static Map<String, String> threads(EnvFactory envs, LearnerSettings learner) {
        Map<String, String> t = new TreeMap<>(envs.threads());
        t.put("torch-threads", Integer.toString(learner.torchThreads()));
        t.put("torch-interop-threads", Integer.toString(learner.torchInteropThreads()));
        t.put(LEARNER_DEVICE, dev.ampj.learner.LearnerDevice.resolvedName(learner));
        return t;
    }

    /** The device the learner's updates ran on ({@code cpu}, {@code cuda:0}); runs recorded before it was kept ran on the CPU. */
    public static final String LEARNER_DEVICE = "learner-device";

    /** {@code recorded} native settings with the defaults of keys that older runs did not record. */
    public static Map<String, String> withDefaults(Map<String, String> recorded) {
        Map<String, String> m = new TreeMap<>(recorded);
        m.putIfAbsent(LEARNER_DEVICE, "cpu");
        return m;
    }

    /** {@code recorded} versions with the values of keys that older runs did not record. */
    public static Map<String, String> versionsWithDefaults(Map<String, String> recorded) {
        Map<String, String> m = new TreeMap<>(recorded);
        m.putIfAbsent(dev.ampj.learner.LearnerRevision.KEY, dev.ampj.learner.LearnerRevision.BEFORE_RECORDED);
        m.putIfAbsent(dev.ampj.learner.CpuKernels.KEY, dev.ampj.learner.CpuKernels.UNPINNED);
        if (m.containsKey("external-simulator")) {
            m.putIfAbsent("external-episode-starts", "client (reference-state-init off)"); // before clients could be sent them
        }
        return m;
    }

    /**
     * Null when {@code recorded} and {@code current} agree; else each differing key with both values.
     * The CPU model is left out: another one is announced ({@link #cpuChange}), not refused.
     */
    public static String difference(String what, Map<String, String> recorded, Map<String, String> current) {
        TreeMap<String, String> keys = new TreeMap<>();
        recorded.keySet().forEach(k -> keys.put(k, k));
        current.keySet().forEach(k -> keys.put(k, k));
        StringBuilder sb = new StringBuilder();
        keys.remove(HostCpu.KEY);
        for (String k : keys.keySet()) {
            String a = recorded.get(k);
            String b = current.get(k);
            if (a == null ? b != null : !a.equals(b)) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append(": run has ").append(a == null ? "none" : a)
                        .append(", this process ").append(b == null ? "none" : b);
            }
        }
        return sb.isEmpty() ? null : what + " differ (" + sb + ")";
    }

    /** The CPU model {@code recorded} names when it is not {@code current}; null when the same or not recorded. */
    public static String otherCpu(Map<String, String> recorded, String current) {
        String was = recorded.get(HostCpu.KEY);
        return was == null || was.equals(current) ? null : was;
    }

    /**
     * Null when the run recorded no CPU model or {@code current} (this host's, {@link HostCpu#model()}) is
     * the same; else what another model means for re-executing the run here.
     */
    public static String cpuChange(String run, Map<String, String> recorded, String current) {
        String was = otherCpu(recorded, current);
        if (was == null) {
            return null;
        }
        return "run " + run + " was recorded on CPU '" + was + "', this host's is '" + current + "': libtorch may round"
                + " differently here, so iterations re-executed from a checkpoint may not reproduce their recorded digests"
                + " (the run then stops and names the first), and new iterations are exact for this host, not bit for bit"
                + " what the first host would have computed";
    }
}
