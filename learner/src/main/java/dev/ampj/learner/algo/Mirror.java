package dev.ampj.learner.algo;

/** A signed permutation of columns: entry i = +j means out[i] = x[j-1], -j means out[i] = -x[j-1]. */
final class Mirror {

    private final int[] source;
    private final float[] sign;

    Mirror(String name, int[] map, int width) {
        this("amp.learner.ppo.symmetry", name, map, width);
    }

    Mirror(String section, String name, int[] map, int width) {
        name = section.substring("amp.learner.".length()) + "." + name;
        if (map.length != width) {
            throw new IllegalArgumentException("config: amp.learner." + name + " has " + map.length
                    + " entries, expected " + width);
        }
        source = new int[width];
        sign = new float[width];
        for (int i = 0; i < width; i++) {
            int j = Math.abs(map[i]);
            if (j < 1 || j > width) {
                throw new IllegalArgumentException("config: amp.learner." + name + "[" + i + "] = "
                        + map[i] + ": expected a signed 1-based index within +-" + width);
            }
            source[i] = j - 1;
            sign[i] = map[i] < 0 ? -1f : 1f;
        }
    }

    void apply(float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < source.length; i++) {
            out[outOffset + i] = sign[i] * x[xOffset + source[i]];
        }
    }

    /** The map as a [width][width] matrix P with (x P)[i] = mirrored[i]. */
    float[] matrix() {
        int w = source.length;
        float[] p = new float[w * w];
        for (int i = 0; i < w; i++) {
            p[source[i] * w + i] = sign[i];
        }
        return p;
    }
}
