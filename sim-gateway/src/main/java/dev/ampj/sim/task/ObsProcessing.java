package dev.ampj.sim.task;

import dev.ampj.common.CounterRandom;
import dev.ampj.sim.env.ObsGroupSettings;
import dev.ampj.sim.env.ObsGroupSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Noise, clip and scale of one observation group's frame, in Isaac Lab's order
 * ({@code ObservationManager.compute}: noise, clip, scale; the history follows in {@link ObsHistory}).
 * The input is the group's clean frame (its terms once each, in order); the output frame has the
 * same layout. Stateless, shared by all envs.
 *
 * <p>Noise of value {@code i} of the frame observed at episode step {@code t} comes from draws
 * {@code 2c} (uniform) or {@code 2c, 2c + 1} (Gaussian, Box–Muller) of the env's episode stream,
 * {@code c = t × frameDim + i}: a function of (seed, group, env, episode, step, i) only, so a
 * restored env recomputes the noise of its current frame and continues the same sequence.
 */
final class ObsProcessing {

    /** The output layout: each term {@code history × frameDim} floats. */
    final ObsGroupSpec spec;
    /** Random stream purpose of the group's noise ("sim.obs-noise.policy", ...). */
    final String purpose;
    private final int frameDim;
    private final int[] termOf;
    private final float[] noise;
    private final boolean[] gaussian;
    private final float[] lo;
    private final float[] hi;
    private final float[] scale;
    private final boolean noisy;

    /**
     * @param path    config path of the group ({@code amp.sim.observations.policy}), for errors
     * @param terms   the group's terms in frame order
     * @param dims    floats per term
     */
    ObsProcessing(String group, String path, ObsGroupSettings settings, List<String> terms, List<Integer> dims) {
        settings.requireTerms(path, terms);
        this.purpose = "sim.obs-noise." + group;
        List<Integer> histories = new ArrayList<>();
        int n = dims.stream().mapToInt(Integer::intValue).sum();
        frameDim = n;
        termOf = new int[n];
        noise = new float[terms.size()];
        gaussian = new boolean[terms.size()];
        lo = new float[terms.size()];
        hi = new float[terms.size()];
        scale = new float[terms.size()];
        boolean anyNoise = false;
        int at = 0;
        for (int k = 0; k < terms.size(); k++) {
            ObsGroupSettings.Term t = settings.of(terms.get(k));
            histories.add(t.historyLength());
            noise[k] = (float) t.noise();
            gaussian[k] = t.gaussian();
            lo[k] = (float) t.clipMin();
            hi[k] = (float) t.clipMax();
            scale[k] = (float) t.scale();
            anyNoise |= t.noise() > 0;
            for (int i = 0; i < dims.get(k); i++) {
                termOf[at++] = k;
            }
        }
        noisy = anyNoise;
        spec = ObsGroupSpec.of(group, terms, dims, histories);
    }

    /** Floats of one clean (and processed) frame. */
    int frameDim() {
        return frameDim;
    }

    /** The noise stream of (env, episode), drawn from by {@link #process}. */
    long noiseKey(long seed, long[] envAndEpisode) {
        return noisy ? CounterRandom.key(seed, purpose, envAndEpisode) : 0;
    }

    /**
     * Processes {@code clean[from .. from + frameDim)}, observed at episode step {@code step}, into
     * {@code out[0 .. frameDim)}. Values without noise, clip or scale pass bit for bit (no {@code + 0}
     * that would turn −0 into +0).
     */
    void process(float[] clean, int from, long key, long step, float[] out) {
        long base = step * frameDim;
        for (int i = 0; i < frameDim; i++) {
            int k = termOf[i];
            float v = clean[from + i];
            if (noise[k] > 0) {
                long c = base + i;
                double z = gaussian[k] ? CounterRandom.gaussian(key, c) : 2 * CounterRandom.uniform(key, 2 * c) - 1;
                v += (float) (noise[k] * z);
            }
            v = v > hi[k] ? hi[k] : (v < lo[k] ? lo[k] : v);
            if (scale[k] != 1f) {
                v *= scale[k];
            }
            out[i] = v;
        }
    }
}
