package dev.ampj.ops.serve;

import dev.ampj.storage.telemetry.TelemetryBatch;
import java.util.Map;
import java.util.TreeMap;

/** One iteration's per-env mean style and task reward, summed from its telemetry batches: one row of the heat map. */
final class EnvStyleHeat {

    private final long iteration;
    private final Map<Integer, double[]> sums = new TreeMap<>(); // env id -> {steps, style, task}

    EnvStyleHeat(long iteration) {
        this.iteration = iteration;
    }

    long iteration() {
        return iteration;
    }

    void add(TelemetryBatch b) {
        for (int i = 0; i < b.size(); i++) {
            double[] s = sums.computeIfAbsent(b.envIds()[i], k -> new double[3]);
            s[0]++;
            s[1] += b.styleReward()[i];
            s[2] += b.taskReward()[i];
        }
    }

    String json() {
        double[] envs = new double[sums.size()];
        double[] style = new double[sums.size()];
        double[] task = new double[sums.size()];
        int k = 0;
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            envs[k] = e.getKey();
            style[k] = e.getValue()[1] / e.getValue()[0];
            task[k] = e.getValue()[2] / e.getValue()[0];
            k++;
        }
        return Json.object().num("iteration", iteration).nums("envs", envs).nums("style_reward", style)
                .nums("task_reward", task).end();
    }
}
