package dev.ampj.ops.serve;

import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.log.RunLogReader;
import dev.ampj.storage.registry.RunRegistry;
import dev.ampj.storage.registry.RunSummary;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus view of every run under the runs root, taken at scrape time from each run's
 * registry summary and last committed iteration (a backward scan of its event log): counters of
 * env steps and iterations, the last iteration's wall time, stage times, rewards, discriminator and
 * PPO figures, each labelled by run; {@code amp_run_status} is 1 for the run's current status.
 */
final class RunMetrics implements MultiCollector {

    /** Gauge name → (statistic in IterationCommitted, help). */
    static final Map<String, String[]> GAUGES = gauges();

    private final RunRegistry registry;

    RunMetrics(RunRegistry registry) {
        this.registry = registry;
    }

    private static Map<String, String[]> gauges() {
        Map<String, String[]> g = new LinkedHashMap<>();
        g.put("amp_task_reward", new String[] {"task_reward", "Mean task reward per env step of the last committed iteration."});
        g.put("amp_style_reward", new String[] {"style_reward", "Mean style (discriminator) reward per env step of the last committed iteration."});
        g.put("amp_combined_reward", new String[] {"combined_reward", "Mean combined reward per env step of the last committed iteration."});
        g.put("amp_discriminator_accuracy", new String[] {"disc_accuracy", "Discriminator accuracy (mean of expert and policy accuracy) of the last update."});
        g.put("amp_discriminator_expert_score", new String[] {"disc_expert_score", "Mean discriminator score of expert pairs in the last update."});
        g.put("amp_discriminator_policy_score", new String[] {"disc_policy_score", "Mean discriminator score of policy pairs in the last update."});
        g.put("amp_discriminator_loss", new String[] {"disc_loss", "Discriminator loss of the last update."});
        g.put("amp_surrogate_loss", new String[] {"surrogate_loss", "PPO surrogate loss of the last update."});
        g.put("amp_value_loss", new String[] {"value_loss", "PPO value loss of the last update."});
        g.put("amp_learning_rate", new String[] {"learning_rate", "Policy learning rate after the last update."});
        g.put("amp_episode_length", new String[] {"episode_length", "Mean length in steps of the episodes ended in the last committed iteration."});
        return g;
    }

    @Override
    public MetricSnapshots collect() {
        List<RunSummary> runs = registry.list(false);
        CounterSnapshot.Builder steps = CounterSnapshot.builder().name("amp_env_steps")
                .help("Environment steps taken by the run up to its last committed iteration.");
        CounterSnapshot.Builder iterations = CounterSnapshot.builder().name("amp_iterations")
                .help("Last committed iteration of the run (numbered across a fork lineage).");
        GaugeSnapshot.Builder status = GaugeSnapshot.builder().name("amp_run_status").help("1 for the run's current status.");
        GaugeSnapshot.Builder seconds = GaugeSnapshot.builder().name("amp_iteration_seconds")
                .help("Wall time of the last committed iteration, commit included.");
        GaugeSnapshot.Builder stages = GaugeSnapshot.builder().name("amp_stage_seconds")
                .help("Wall time of each stage of the last committed iteration.");
        Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        GAUGES.forEach((name, s) -> gauges.put(name, GaugeSnapshot.builder().name(name).help(s[1])));
        for (RunSummary r : runs) {
            Labels run = Labels.of("run", r.name());
            status.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("run", r.name(), "status",
                    r.status().name().toLowerCase(java.util.Locale.ROOT))).value(1).build());
            steps.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(run).value(r.envSteps()).build());
            iterations.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(run).value(r.iterations()).build());
            Optional<IterationCommitted> last = r.iterations() > 0 ? lastCommitted(r.name()) : Optional.empty();
            if (last.isEmpty()) {
                continue;
            }
            Map<String, Double> t = last.get().stageMillis();
            seconds.dataPoint(gauge(run, (t.getOrDefault("iteration", 0.0) + t.getOrDefault("commit", 0.0)) / 1000.0));
            t.forEach((stage, ms) -> stages.dataPoint(gauge(Labels.of("run", r.name(), "stage", stage), ms / 1000.0)));
            GAUGES.forEach((name, s) -> {
                Double v = last.get().statistics().get(s[0]);
                if (v != null) {
                    gauges.get(name).dataPoint(gauge(run, v));
                }
            });
        }
        List<io.prometheus.metrics.model.snapshots.MetricSnapshot> all = new ArrayList<>(List.of(steps.build(),
                iterations.build(), status.build(), seconds.build(), stages.build()));
        gauges.values().forEach(g -> all.add(g.build()));
        return new MetricSnapshots(all);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, double v) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(v).build();
    }

    private Optional<IterationCommitted> lastCommitted(String run) {
        try (RunLogReader log = RunLogReader.open(registry.directory(run))) {
            return log.lastCommitted();
        } catch (RuntimeException e) { // a corrupt or half-created run: its summary says so; no figures
            return Optional.empty();
        }
    }
}
