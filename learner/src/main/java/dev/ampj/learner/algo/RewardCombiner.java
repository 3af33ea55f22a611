package dev.ampj.learner.algo;

import dev.ampj.learner.config.StyleRewardSettings;

/** Combines task and style rewards: lerp (BeyondAMP), add or mul (rl_games {@code reward_combine}). */
public final class RewardCombiner {

    private final StyleRewardSettings settings;

    public RewardCombiner(StyleRewardSettings settings) {
        this.settings = settings;
    }

    public float combine(float task, float style) {
        double lerp = settings.taskRewardLerp();
        double tw = settings.taskRewardWeight();
        double sw = settings.styleRewardWeight();
        return switch (settings.combine()) {
            case LERP -> (float) (lerp * task + (1.0 - lerp) * style);
            case ADD -> (float) (tw * task + sw * style);
            case MUL -> (float) (tw * task * sw * style);
        };
    }

    public float[] combine(float[] task, float[] style) {
        if (task.length != style.length) {
            throw new IllegalArgumentException("styleRewards: expected " + task.length + " values (one per task reward), got "
                    + style.length);
        }
        float[] out = new float[task.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = combine(task[i], style[i]);
        }
        return out;
    }
}
