package dev.ampj.ops.bench;

import com.typesafe.config.Config;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.run.TrainingListener;
import dev.ampj.ops.config.AmpConfig;
import dev.ampj.ops.config.ConfigOptions;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.event.IterationCommitted;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code amp bench train}: end-to-end training throughput — a real run of the whole pipeline
 * (shards, Aeron, learner actors, event log, checkpoints) at the configuration given (the defaults
 * unless --config/--set), in a scratch runs directory; reports the median iteration after a
 * warm-up and its stages. Env steps per second = steps per iteration / median iteration wall time.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Benchmark end-to-end training throughput (env steps/s) at the defaults or a given configuration.")
public final class BenchTrainCommand implements Callable<Integer> {

    private static final List<String> STAGES = List.of("rollout", "transport", "style_reward", "d_update", "ppo_update",
            "learn", "iteration");

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--iterations", description = "Iterations timed after the warm-up (default: ${DEFAULT-VALUE}).")
    int iterations = 60;

    @Option(names = "--warmup", description = "Iterations run first and not timed (JIT, allocator; default: ${DEFAULT-VALUE}).")
    int warmup = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OptionChecks.atLeast("--iterations", iterations, 5);
        OptionChecks.atLeast("--warmup", warmup, 0);
        Path root = Files.createTempDirectory("amp-bench-train-");
        try {
            Config config = AmpConfig.withRunsDir(configOptions.load(), root);
            List<IterationCommitted> commits = new ArrayList<>();
            TrainingListener collect = new TrainingListener() {
                @Override
                public synchronized void onCommitted(IterationCommitted c) {
                    commits.add(c);
                }
            };
            RunOutcome o = CommandSupport.trainer(CommandSupport.store(config, root))
                    .train(config, "bench", new Trainer.Options((long) (warmup + iterations), null, collect)).await();
            if (!o.ok()) {
                throw new IllegalStateException("the benchmark run did not finish: " + o.message());
            }
            int steps = TrainingSettings.fromConfig(config).stepsPerIteration();
            Map<String, Object> r = new LinkedHashMap<>();
            List<IterationCommitted> timed = commits.subList(warmup, commits.size());
            double[] total = timed.stream().mapToDouble(c -> c.stageMillis().get("iteration") + c.stageMillis().getOrDefault("commit", 0.0))
                    .toArray();
            r.put("env_steps_per_s", Math.round(steps / (median(total) / 1000)));
            r.put("env_steps_per_iteration", steps);
            r.put("iteration_ms_median", round(median(total)));
            for (String stage : STAGES) {
                r.put(stage + "_ms_median", round(median(timed.stream().mapToDouble(c -> c.stageMillis().getOrDefault(stage, 0.0)).toArray())));
            }
            r.put("iterations", iterations);
            r.put("warmup", warmup);
            r.put("loadavg", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            print(r);
            return 0;
        } finally {
            ScratchDirectories.delete(root);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private void print(Map<String, Object> r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder b = new StringBuilder("{\"bench\":\"train\"");
            r.forEach((k, v) -> b.append(",\"").append(k).append("\":").append(v));
            out.println(b.append('}'));
        } else {
            out.println("end-to-end training benchmark");
            r.forEach((k, v) -> out.printf(Locale.ROOT, "  %-26s %s%n", k, v));
        }
        out.flush();
    }
}
