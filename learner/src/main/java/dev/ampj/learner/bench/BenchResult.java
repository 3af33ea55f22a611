package dev.ampj.learner.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Figures of one benchmark run; {@link #asMap()} has a stable key order (the JSON line). */
public record BenchResult(
        BenchSpec spec,
        double updateSeconds,
        double updateSecondsMedian,
        double ppoSeconds,
        double discriminatorSeconds,
        double updateCpuSeconds,
        double actSecondsPerStep,
        double rssStartMiB,
        double rssEndMiB,
        double loadStart,
        double loadEnd,
        String policyDigest,
        String discriminatorDigest) {

    public double updateSamplesPerSecond() {
        return (double) spec.envs() * spec.horizon() / updateSeconds;
    }

    public double actEnvStepsPerSecond() {
        return spec.envs() / actSecondsPerStep;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "learner");
        m.put("preset", spec.preset());
        m.put("envs", spec.envs());
        m.put("horizon", spec.horizon());
        m.put("obs", spec.obs());
        m.put("act", spec.actions());
        m.put("amp", spec.amp());
        m.put("epochs", spec.epochs());
        m.put("minibatches", spec.miniBatches());
        m.put("threads", spec.threads());
        m.put("inference_micro_batch", spec.inferenceRows());
        m.put("updates", spec.updates());
        m.put("overlap", spec.overlap());
        m.put("warmup", spec.warmup());
        m.put("update_s", updateSeconds);
        m.put("update_s_median", updateSecondsMedian);
        m.put("ppo_s", ppoSeconds);
        m.put("disc_s", discriminatorSeconds);
        m.put("update_cpu_s", updateCpuSeconds);
        m.put("update_samples_per_s", updateSamplesPerSecond());
        m.put("update_gflop", spec.updateFlops() / 1e9);
        m.put("update_gflop_per_s", spec.updateFlops() / 1e9 / updateSeconds);
        m.put("update_gflop_per_cpu_s", spec.updateFlops() / 1e9 / updateCpuSeconds);
        m.put("act_env_steps_per_s", actEnvStepsPerSecond());
        m.put("act_gflop_per_s", spec.actFlops() * spec.envs() / 1e9 / actSecondsPerStep);
        m.put("rss_start_mib", rssStartMiB);
        m.put("rss_end_mib", rssEndMiB);
        m.put("rss_growth_mib", rssEndMiB - rssStartMiB);
        m.put("loadavg_start", loadStart);
        m.put("loadavg_end", loadEnd);
        m.put("policy_digest", policyDigest);
        m.put("discriminator_digest", discriminatorDigest);
        return m;
    }
}
