package dev.ampj.ops.bench;

import dev.ampj.learner.bench.BenchResult;
import dev.ampj.learner.bench.BenchSpec;
import dev.ampj.learner.bench.LearnerBenchmark;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amp bench learner}: one PPO + AMP learner update (style rewards, discriminator update with
 * gradient penalty and minibatch-std, PPO epochs x mini-batches) and the rollout-side inference
 * cost, on synthetic data of a preset's shapes, any of which a flag overrides.
 */
@Command(name = "learner", mixinStandardHelpOptions = true,
        description = "Benchmark one PPO + AMP learner update and rollout-side inference (figures in BENCHMARKS.md).")
public final class BenchLearnerCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", defaultValue = "ostrich", description = "ostrich | g1 (default ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--json", description = "print one JSON line")
    boolean json;

    @Option(names = "--envs") Integer envs;
    @Option(names = "--horizon") Integer horizon;
    @Option(names = "--obs", description = "policy (and critic) observation width") Integer obs;
    @Option(names = "--act", description = "action width") Integer act;
    @Option(names = "--amp", description = "AMP observation width (the discriminator sees 2x)") Integer amp;
    @Option(names = "--ac-hidden", split = ",", description = "actor/critic hidden dims, e.g. 512,256,128") int[] acHidden;
    @Option(names = "--disc-hidden", split = ",", description = "discriminator hidden dims") int[] discHidden;
    @Option(names = "--epochs") Integer epochs;
    @Option(names = "--minibatches") Integer minibatches;
    @Option(names = "--threads", description = "libtorch intra-op threads") Integer threads;
    @Option(names = "--updates", description = "timed updates (default 5)") Integer updates;
    @Option(names = "--warmup", description = "untimed updates first (default 2)") Integer warmup;
    @Option(names = "--micro-batch", paramLabel = "ROWS", description = "rows per inference call in the act figure "
            + "(amp.learner.inference-micro-batch; default: the envs, one call per step as the anchor makes)")
    Integer microBatch;
    @Option(names = "--overlap", description = "run the discriminator and PPO updates concurrently on two threads")
    boolean overlap;
    @Option(names = "--compare", paramLabel = "PYTHON", description = "then run the PyTorch anchor (the same update "
            + "and inference in plain PyTorch, amp-rsl-rl's structure) with this Python on the same shapes, and print both "
            + "and the ratios; the Python needs torch (" + PytorchAnchor.INSTALL_HINT + ")")
    String compare;
    @Option(names = "--rss", description = "print the process RSS every tenth of the updates on stderr (memory hygiene)")
    boolean rss;

    @Override
    public Integer call() {
        BenchSpec p = BenchSpec.preset(preset);
        BenchSpec s = new BenchSpec(p.preset(), or(envs, p.envs()), or(horizon, p.horizon()), or(obs, p.obs()),
                or(act, p.actions()), or(amp, p.amp()), acHidden != null ? acHidden : p.acHidden(),
                discHidden != null ? discHidden : p.discHidden(), or(epochs, p.epochs()),
                or(minibatches, p.miniBatches()), or(threads, p.threads()), or(updates, p.updates()),
                or(warmup, p.warmup()), overlap, or(microBatch, p.microBatch()));
        int total = s.warmup() + s.updates();
        int every = Math.max(1, total / 10);
        var err = spec.commandLine().getErr();
        BenchResult r = LearnerBenchmark.run(s, u -> {
            if (rss && (u + 1) % every == 0) {
                err.printf("update %d: rss %.1f MiB%n", u + 1, LearnerBenchmark.rssMiB());
                err.flush();
            }
        });
        var out = spec.commandLine().getOut();
        Map<String, Object> fields = new java.util.LinkedHashMap<>(r.asMap());
        PytorchAnchor.Result anchor = null;
        if (compare != null) {
            if (!json) {
                err.println("running the PyTorch anchor with " + compare + " ...");
                err.flush();
            }
            anchor = PytorchAnchor.run(compare, s);
            fields.put("anchor_impl", anchor.impl());
            fields.put("anchor_update_s", anchor.updateSeconds());
            fields.put("anchor_update_samples_per_s", anchor.updateSamplesPerSecond());
            fields.put("anchor_act_env_steps_per_s", anchor.actEnvStepsPerSecond());
            fields.put("update_ratio", anchor.updateSeconds() / r.updateSeconds());
            fields.put("act_ratio", r.actEnvStepsPerSecond() / anchor.actEnvStepsPerSecond());
        }
        if (json) {
            out.println(toJson(fields));
        } else {
            out.printf("learner bench %s: envs %d x horizon %d, obs %d, act %d, amp %d, actor/critic %s, disc %s, "
                    + "%d epochs x %d minibatches, %d threads, inference %d rows per call%n", s.preset(), s.envs(), s.horizon(),
                    s.obs(), s.actions(), s.amp(), Arrays.toString(s.acHidden()), Arrays.toString(s.discHidden()),
                    s.epochs(), s.miniBatches(), s.threads(), s.inferenceRows());
            Map<String, Object> m = r.asMap();
            out.printf("update %.3f s mean, %.3f s median over %d (ppo %.3f s, discriminator %.3f s%s): %.0f samples/s, %.1f GFLOP/s%n",
                    r.updateSeconds(), r.updateSecondsMedian(), s.updates(), r.ppoSeconds(), r.discriminatorSeconds(), s.overlap() ? ", overlapped" : "",
                    r.updateSamplesPerSecond(),
                    (Double) m.get("update_gflop_per_s"));
            out.printf("update cpu %.3f s (process CPU time per update)%n", r.updateCpuSeconds());
            out.printf("act: %.0f env-steps/s%n", r.actEnvStepsPerSecond());
            out.printf("load average %.2f -> %.2f%n", r.loadStart(), r.loadEnd());
            out.printf("rss: %.1f -> %.1f MiB over %d updates%n", r.rssStartMiB(), r.rssEndMiB(), s.updates());
            if (anchor != null) {
                out.printf("%s (same shapes, %d threads, %d timed updates): update %.3f s, %.0f samples/s; act %.0f env-steps/s%n",
                        anchor.impl(), s.threads(), s.updates(), anchor.updateSeconds(), anchor.updateSamplesPerSecond(),
                        anchor.actEnvStepsPerSecond());
                out.printf("ratio (amp / PyTorch): update %.2fx, act %.2fx%n", (Double) fields.get("update_ratio"),
                        (Double) fields.get("act_ratio"));
            }
        }
        out.flush();
        return 0;
    }

    private static int or(Integer v, int d) {
        return v == null ? d : v;
    }

    static String toJson(Map<String, Object> m) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof String str) {
                b.append('"').append(str).append('"');
            } else if (v instanceof Double d && !Double.isFinite(d)) {
                b.append("null");
            } else {
                b.append(v);
            }
        }
        return b.append('}').toString();
    }
}
