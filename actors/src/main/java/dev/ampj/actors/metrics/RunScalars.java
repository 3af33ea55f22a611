package dev.ampj.actors.metrics;

import dev.ampj.storage.event.IterationCommitted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scalars of one committed iteration under rsl_rl's TensorBoard names (and AMP ones in the
 * style of amp-rsl-rl), in a fixed order. Everything comes from the commit itself, so the
 * TensorBoard files and {@code amp export --format scalars-csv} agree.
 *
 * <p>Differences from rsl_rl, because a commit records per-step means: {@code Train/mean_reward} is
 * the mean combined (task + style) reward per env step, not the mean episode return; rewards per
 * step are also under {@code AMP/}. Times are seconds: collection = everything before style
 * scoring (rollout and transport), learning = style scoring and both updates.
 */
public final class RunScalars {

    /** Tag ← statistic of the commit (IterationCoordinator, PpoStats, DiscriminatorStats). */
    private static final List<String[]> FROM_STATISTICS = List.of(
            new String[] {"Loss/surrogate", "surrogate_loss"},
            new String[] {"Loss/value_function", "value_loss"},
            new String[] {"Loss/entropy", "entropy"},
            new String[] {"Loss/mirror", "mirror_loss"},
            new String[] {"Loss/learning_rate", "learning_rate"},
            new String[] {"Loss/amp", "disc_loss"},
            new String[] {"Loss/amp_logit", "disc_logit_loss"},
            new String[] {"Loss/grad_penalty", "disc_grad_penalty"},
            new String[] {"Loss/amp_weight_decay", "disc_weight_decay_loss"},
            new String[] {"Policy/mean_noise_std", "action_std"},
            new String[] {"Policy/kl", "kl"},
            new String[] {"Policy/clip_fraction", "clip_fraction"},
            new String[] {"Policy/grad_norm", "grad_norm"},
            new String[] {"Policy/explained_variance", "explained_variance"},
            new String[] {"Train/mean_reward", "combined_reward"},
            new String[] {"Train/mean_episode_length", "episode_length"},
            new String[] {"Train/mean_return", "mean_return"},
            new String[] {"AMP/task_reward", "task_reward"},
            new String[] {"AMP/style_reward", "style_reward"},
            new String[] {"AMP/discriminator_accuracy", "disc_accuracy"},
            new String[] {"AMP/expert_accuracy", "disc_expert_accuracy"},
            new String[] {"AMP/policy_accuracy", "disc_policy_accuracy"},
            new String[] {"AMP/expert_score", "disc_expert_score"},
            new String[] {"AMP/policy_score", "disc_policy_score"},
            new String[] {"AMP/grad_norm", "disc_grad_norm"},
            new String[] {"AMP/learning_rate", "disc_learning_rate"},
            new String[] {"AMP/replay_size", "amp_replay_size"});

    private RunScalars() {}

    /**
     * Tag → value for {@code c}; {@code stepsPerIteration} gives the throughput. A statistic the
     * commit lacks (another environment, an older run) leaves its tag out.
     */
    public static Map<String, Double> of(IterationCommitted c, long stepsPerIteration) {
        Map<String, Double> s = c.statistics();
        Map<String, Double> m = new LinkedHashMap<>();
        for (String[] t : FROM_STATISTICS) {
            Double v = s.get(t[1]);
            if (v != null) {
                m.put(t[0], v);
            }
        }
        Map<String, Double> ms = c.stageMillis();
        double iteration = ms.getOrDefault("iteration", 0.0);
        double total = iteration + ms.getOrDefault("commit", 0.0);
        double learn = ms.getOrDefault("learn", 0.0);
        m.put("Perf/total_fps", stepsPerIteration / Math.max(1e-9, total / 1000.0));
        m.put("Perf/collection time", Math.max(0, iteration - learn) / 1000.0);
        m.put("Perf/learning_time", learn / 1000.0);
        m.put("Perf/iteration_time", total / 1000.0);
        m.put("Train/env_steps", (double) c.envSteps());
        return m;
    }
}
