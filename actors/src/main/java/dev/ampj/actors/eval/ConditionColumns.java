package dev.ampj.actors.eval;

import dev.ampj.sim.env.GaitCondition;

/**
 * The discriminator input of a gait-conditioned run, built on the platform side from AMP rows that
 * carry no condition (another engine's): each state and next state gets the one-hot of its env's
 * commanded speed, the very columns the embedded env writes from its episode's command, so the
 * discriminator judges the same quantities it trained on.
 */
final class ConditionColumns {

    private ConditionColumns() {}

    /**
     * Rows of [s, s′] ({@code 2·motionDim} floats each; row r from env {@code r % commands.length},
     * as {@link EvalRollout} records them) widened to [s, c, s′, c], c the one-hot of the env's command.
     */
    static float[] append(float[] rows, int motionDim, double[] commands, GaitCondition condition) {
        int w = condition.width();
        int in = 2 * motionDim;
        int out = 2 * (motionDim + w);
        int count = rows.length / in;
        float[] wide = new float[count * out];
        for (int r = 0; r < count; r++) {
            int cls = condition.classOf(commands[r % commands.length]);
            System.arraycopy(rows, r * in, wide, r * out, motionDim);
            condition.write(cls, wide, r * out + motionDim);
            System.arraycopy(rows, r * in + motionDim, wide, r * out + motionDim + w, motionDim);
            condition.write(cls, wide, r * out + 2 * motionDim + w);
        }
        return wide;
    }
}
