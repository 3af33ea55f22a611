package dev.ampj.learner.config;

/** How task and style rewards are combined. */
public enum RewardCombine {
    /** {@code lerp·task + (1−lerp)·style} (BeyondAMP {@code amp_task_reward_lerp}: 1.0 = pure task). */
    LERP,
    /** {@code task_w·task + style_w·style} (rl_games {@code reward_combine: add}). */
    ADD,
    /** {@code task_w·task · style_w·style} (rl_games {@code reward_combine: mul}). */
    MUL
}
