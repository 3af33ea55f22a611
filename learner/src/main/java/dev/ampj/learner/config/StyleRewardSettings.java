package dev.ampj.learner.config;

import java.util.Set;

/** Style reward scale and its combination with the task reward. */
public record StyleRewardSettings(
        double rewardCoef, RewardCombine combine, double taskRewardLerp, double taskRewardWeight, double styleRewardWeight) {

    static final Set<String> KEYS = Set.of("reward-coef", "combine", "task-reward-lerp", "task-reward-weight",
            "style-reward-weight");

    static StyleRewardSettings read(StrictConfig c) {
        return new StyleRewardSettings(
                c.nonNegative("reward-coef"),
                RewardCombine.valueOf(c.oneOf("combine", "lerp", "add", "mul").toUpperCase(java.util.Locale.ROOT)),
                c.unit("task-reward-lerp"),
                c.nonNegative("task-reward-weight"),
                c.nonNegative("style-reward-weight"));
    }
}
