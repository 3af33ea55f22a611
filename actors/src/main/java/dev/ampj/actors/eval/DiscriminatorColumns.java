package dev.ampj.actors.eval;

import dev.ampj.sim.env.AmpWindow;

/**
 * The discriminator input of a run, built on the platform side from another engine's AMP rows, which
 * are single frames without a gait condition: each state becomes the run's {@link AmpWindow} (its
 * env's last k frames, an episode's first state filling every frame as the embedded env's reset
 * does, and the one-hot of the env's command), so the discriminator judges the same quantities it
 * trained on.
 */
final class DiscriminatorColumns {

    private DiscriminatorColumns() {}

    /**
     * Rows of [s, s′] ({@code 2·window.termDim()} floats each; row r from env {@code r % commands.length},
     * as {@link EvalRollout} records them, {@code episodeStarts[r]} where s is a reset state) as rows
     * of [window(s), window(s′)].
     */
    static float[] windows(float[] rows, boolean[] episodeStarts, double[] commands, AmpWindow window) {
        int d = window.termDim();
        int k = window.history();
        int n = commands.length;
        int count = rows.length / (2 * d);
        int out = 2 * window.dim();
        float[] wide = new float[count * out];
        float[][] frames = new float[n][k * d]; // per env, its last k frames oldest first
        float[] next = new float[k * d];
        for (int r = 0; r < count; r++) {
            int e = r % n;
            float[] f = frames[e];
            if (episodeStarts[r]) {
                for (int i = 0; i < k; i++) {
                    System.arraycopy(rows, r * 2 * d, f, i * d, d);
                }
            } else {
                System.arraycopy(f, d, f, 0, (k - 1) * d);
                System.arraycopy(rows, r * 2 * d, f, (k - 1) * d, d);
            }
            window.writeEnv(f, commands[e], wide, r * out);
            System.arraycopy(f, d, next, 0, (k - 1) * d);
            System.arraycopy(rows, r * 2 * d + d, next, (k - 1) * d, d);
            window.writeEnv(next, commands[e], wide, r * out + window.dim());
        }
        return wide;
    }
}
